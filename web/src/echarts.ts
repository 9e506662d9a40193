import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

// Only what the dashboard's charts draw: the full ECharts bundle would triple the page's JavaScript.
// The NPS trend: line, grid, legend, mark area, tooltip. The tone arc: line, grid, mark point, tooltip.
// The drivers quadrant: scatter, mark line (target and mean lines).
// Themes: bar (NPS impact, monthly volume), mark line (the 95% intervals).
echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  MarkPointComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { echarts };
