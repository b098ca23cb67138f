/** 领域分布: a domain × institution heat map of duty counts; a domain spread over many institutions stands out. */
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useMemo } from 'react';
import { call } from '../../api';
import { Chart } from '../../components/lazy-chart';
import { ErrorAlert } from '../../components/ui';
import { useInstitutionNames } from '../../hooks';

export function DomainHeatmap() {
  const names = useInstitutionNames();
  const all = useQuery({
    queryKey: ['duties-all'],
    queryFn: async () => {
      const first = await call('GET /api/duties', { query: { pageSize: 500, page: 1 } });
      const pages = Math.ceil(first.total / 500);
      const rest = await Promise.all(
        Array.from({ length: pages - 1 }, (_, i) => call('GET /api/duties', { query: { pageSize: 500, page: i + 2 } })),
      );
      return [first, ...rest].flatMap((p) => p.items);
    },
    staleTime: 60_000,
  });
  const data = useMemo(() => {
    const counts = new Map<string, number>();
    const domainTotals = new Map<string, number>();
    const instTotals = new Map<string, number>();
    for (const d of all.data ?? []) {
      for (const dom of d.domains) {
        counts.set(`${dom}|${d.institutionId}`, (counts.get(`${dom}|${d.institutionId}`) ?? 0) + 1);
        domainTotals.set(dom, (domainTotals.get(dom) ?? 0) + 1);
        instTotals.set(d.institutionId, (instTotals.get(d.institutionId) ?? 0) + 1);
      }
    }
    // the domains held by several institutions are the ones worth looking at
    const spread = (dom: string) => [...counts.keys()].filter((k) => k.startsWith(`${dom}|`)).length;
    const domains = [...domainTotals.keys()].sort((a, b) => spread(b) - spread(a)).slice(0, 25);
    const insts = [...instTotals.keys()]
      .filter((id) => domains.some((dom) => counts.has(`${dom}|${id}`)))
      .sort((a, b) => (instTotals.get(b) ?? 0) - (instTotals.get(a) ?? 0))
      .slice(0, 40);
    const cells: [number, number, number][] = [];
    insts.forEach((id, x) =>
      domains.forEach((dom, y) => {
        const n = counts.get(`${dom}|${id}`);
        if (n) cells.push([x, y, n]);
      }),
    );
    return { domains, insts, cells, max: Math.max(1, ...cells.map((c) => c[2])) };
  }, [all.data]);
  if (all.error) return <ErrorAlert error={all.error} />;
  return (
    <div data-testid="heatmap">
      <Typography.Text type="secondary">
        每格为该机构在该领域承担的职责事项数;一行中颜色分散在多个机构,说明该领域职责分散。
      </Typography.Text>
      <Chart
        style={{ height: Math.max(420, data.domains.length * 24 + 160) }}
        option={{
          tooltip: {
            position: 'top',
            formatter: (p: { value: [number, number, number] }) =>
              `${names.nameOf(data.insts[p.value[0]])}<br/>${data.domains[p.value[1]]}:${p.value[2]} 项`,
          },
          grid: { left: 110, right: 20, top: 10, bottom: 150 },
          xAxis: {
            type: 'category',
            data: data.insts.map((id) => names.nameOf(id)),
            axisLabel: { rotate: 60, interval: 0, fontSize: 11 },
          },
          yAxis: { type: 'category', data: data.domains },
          visualMap: {
            min: 0,
            max: data.max,
            calculable: true,
            orient: 'horizontal',
            left: 'center',
            bottom: 0,
            inRange: { color: ['#fff7e6', '#ffa940', '#b71c1c'] },
          },
          series: [{ type: 'heatmap', data: data.cells, label: { show: false } }],
        }}
      />
    </div>
  );
}
