/** 总览's 编制使用情况: approved, actual, vacant and over per quota category, as a table and a chart; every figure drills down. */
import { Card, Table } from 'antd';
import type { QuotaCategory } from '../../../../src/domain/vocabulary.js';
import { Chart } from '../../components/lazy-chart';
import { DrillNumber } from '../../components/ui';
import type { Statistics } from '../../types';
import { metricLabels, type OverviewDrills, type QuotaMetric } from './drill';

// type-only imports: the 总览 chunk stays free of zod (vocabulary.ts's schemas)
const quotaOrder: QuotaCategory[] = ['admin', 'political_legal', 'township_admin', 'worker', 'public_service'];

export function QuotaUsage({ s, drills }: { s: Statistics; drills: OverviewDrills }) {
  return (
    <Card title="编制使用情况(按编制类别)" size="small">
      <Table
        size="small"
        pagination={false}
        rowKey="category"
        data-testid="quota-table"
        dataSource={[...quotaOrder, 'total' as const].map((c) => ({ category: c, ...s.overview.quota[c] }))}
        columns={[
          {
            title: '编制类别',
            dataIndex: 'category',
            render: (c: QuotaCategory | 'total') => (c === 'total' ? <b>合计</b> : s.labels.quotaCategories[c]),
          },
          ...(Object.keys(metricLabels) as QuotaMetric[]).map((m) => ({
            title: metricLabels[m],
            dataIndex: m,
            align: 'right' as const,
            render: (v: number, r: { category: QuotaCategory | 'total' }) => (
              <DrillNumber
                value={v}
                danger={(m === 'over' && v > 0) || undefined}
                style={m === 'vacant' && v > 0 ? { color: '#d48806', fontWeight: 600 } : undefined}
                onClick={() => drills.quota(r.category, m)}
                testId={`quota-${r.category}-${m}`}
              />
            ),
          })),
        ]}
      />
      <Chart
        testId="chart-quota"
        style={{ height: 220 }}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 50, right: 20, top: 30, bottom: 30 },
          xAxis: {
            type: 'category',
            data: quotaOrder.map((c) => s.labels.quotaCategories[c]),
            // every category named: the long ones wrap instead of being skipped
            axisLabel: { interval: 0, width: 64, overflow: 'break', lineHeight: 14 },
          },
          yAxis: { type: 'value' },
          series: [
            {
              name: '核定',
              type: 'bar',
              data: quotaOrder.map((c) => s.overview.quota[c]!.approved),
              itemStyle: { color: '#8c8c8c' },
            },
            {
              name: '实有',
              type: 'bar',
              data: quotaOrder.map((c) => s.overview.quota[c]!.actual),
              itemStyle: { color: '#b71c1c' },
            },
          ],
        }}
        onClick={(p) => drills.quota(quotaOrder[p.dataIndex]!, p.seriesName === '核定' ? 'approved' : 'actual')}
      />
    </Card>
  );
}
