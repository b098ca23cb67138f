/** 总览's 机构按类型: institutions by kind (internal units aside); a bar opens the institutions of its kind. */
import type { InstitutionKind } from '../../../../src/domain/vocabulary.js';
import { Card } from 'antd';
import { Chart } from '../../components/lazy-chart';
import type { Statistics } from '../../types';
import type { OverviewDrills } from './drill';

export function KindsChart({ s, drills }: { s: Statistics; drills: OverviewDrills }) {
  const kindEntries = (Object.entries(s.overview.institutions.byKind) as [InstitutionKind, number][]).filter(
    ([k]) => k !== 'internal_unit',
  );
  return (
    <Card title="机构按类型" size="small">
      <Chart
        testId="chart-kinds"
        option={{
          tooltip: { trigger: 'axis' },
          grid: { left: 150, right: 30, top: 10, bottom: 20 },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', inverse: true, data: kindEntries.map(([k]) => s.labels.kinds[k] ?? k) },
          series: [
            {
              type: 'bar',
              data: kindEntries.map(([, n]) => n),
              itemStyle: { color: '#b71c1c' },
              label: { show: true, position: 'right' },
            },
          ],
        }}
        onClick={(p) => {
          const kind = kindEntries[p.dataIndex]?.[0];
          if (kind) drills.institutions(s.labels.kinds[kind] ?? kind, (i) => i.kind === kind);
        }}
        style={{ height: 320 }}
      />
    </Card>
  );
}
