/** 总览's 年龄结构: the age pyramid by sex and the age bands; every figure opens the institutions with those people. */
import { Card, Space, Tag } from 'antd';
import type { AgeBand } from '../../../../src/analysis/statistics.js';
import { Chart } from '../../components/lazy-chart';
import { DrillNumber } from '../../components/ui';
import type { Statistics } from '../../types';
import type { OverviewDrills } from './drill';

export function AgeStructure({ s, drills }: { s: Statistics; drills: OverviewDrills }) {
  return (
    <Card
      title="年龄结构"
      size="small"
      extra={
        <span>
          在编{' '}
          <DrillNumber
            value={s.people.total}
            testId="people-total"
            onClick={() => drills.people('在编人员', (p) => p.total)}
          />{' '}
          人,平均年龄 <b data-testid="mean-age">{s.people.meanAge ?? '—'}</b> 岁
        </span>
      }
    >
      <Chart
        testId="chart-pyramid"
        option={{
          tooltip: {
            trigger: 'axis',
            axisPointer: { type: 'shadow' },
            valueFormatter: (v: number) => String(Math.abs(v)),
          },
          legend: { top: 0 },
          grid: { left: 70, right: 20, top: 30, bottom: 20 },
          xAxis: { type: 'value', axisLabel: { formatter: (v: number) => String(Math.abs(v)) } },
          yAxis: { type: 'category', data: s.people.pyramid.map((r) => r.band) },
          series: [
            {
              name: '男',
              type: 'bar',
              stack: 'a',
              data: s.people.pyramid.map((r) => -r.男),
              itemStyle: { color: '#1677ff' },
            },
            {
              name: '女',
              type: 'bar',
              stack: 'a',
              data: s.people.pyramid.map((r) => r.女),
              itemStyle: { color: '#eb2f96' },
            },
          ],
        }}
        onClick={(p) => {
          const band = s.people.pyramid[p.dataIndex]?.band;
          if (band)
            drills.people(`${band}(${p.seriesName})`, (x) => {
              const r = x.pyramid.find((b) => b.band === band);
              return r ? (p.seriesName === '男' ? r.男 : r.女) : 0;
            });
        }}
      />
      <Space wrap style={{ marginTop: 8 }}>
        {(Object.entries(s.people.ageBands) as [AgeBand, number][]).map(([band, n]) => (
          <Tag key={band}>
            {band}:
            <DrillNumber
              value={n}
              testId={`age-${band}`}
              onClick={() => drills.people(band, (p) => p.ageBands[band] ?? 0)}
            />{' '}
            人(
            {s.people.total ? ((n / s.people.total) * 100).toFixed(1) : 0}%)
          </Tag>
        ))}
      </Space>
    </Card>
  );
}
