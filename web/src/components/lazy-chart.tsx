/**
 * A chart whose ECharts code (≈210 KB gzipped) loads on first use, after the page around it has rendered: the numbers
 * and tables of a page show and respond first, and each chart's place holds a skeleton of its height until it draws.
 */
import { Skeleton } from 'antd';
import { lazy, Suspense, useEffect, useState, type ComponentProps } from 'react';

type ChartProps = ComponentProps<typeof import('./charts').Chart>;

const loadCharts = () => import('./charts');
const EChart = lazy(async () => ({ default: (await loadCharts()).Chart }));

export function Chart(props: ChartProps) {
  // mount first with the placeholder, so the page commits (and paints) before ECharts is fetched and evaluated
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setReady(true));
    return () => clearTimeout(t);
  }, []);
  const height = props.style?.height ?? 280;
  const placeholder = (
    <div style={{ height, display: 'flex', alignItems: 'center' }} data-testid="chart-loading">
      <Skeleton.Node active style={{ width: '100%', height: typeof height === 'number' ? height - 16 : height }} />
    </div>
  );
  if (!ready) return placeholder;
  return (
    <Suspense fallback={placeholder}>
      <EChart {...props} />
    </Suspense>
  );
}
