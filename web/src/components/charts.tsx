/** ECharts from its core parts only (bar, heat map; grid, tooltip, legend, visual map; canvas). */
import { BarChart, HeatmapChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  DataZoomComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { CSSProperties } from 'react';

echarts.use([
  BarChart,
  HeatmapChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

export const chartFont = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

export interface ChartClick {
  name: string;
  seriesName?: string;
  value?: unknown;
  dataIndex: number;
  data?: unknown;
}

export function Chart({
  option,
  style,
  onClick,
  testId,
}: {
  option: Record<string, unknown>;
  style?: CSSProperties;
  onClick?: (p: ChartClick) => void;
  testId?: string;
}) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ textStyle: { fontFamily: chartFont }, ...option }}
        style={{ height: 280, ...style }}
        notMerge
        onEvents={onClick ? { click: onClick } : undefined}
      />
    </div>
  );
}
