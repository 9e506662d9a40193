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

/**
 * ECharts cannot put attributes of ours on what it draws, but zrender writes an element's "SSR data"
 * into the SVG as `ecmeta_*` attributes: ECharts' own server-side rendering tags each data element
 * with its series and data index so. The same getter in the browser tags the data elements of every
 * chart (harmless to the others: two attributes, nothing drawn differently), and a chart can find
 * its bars by them: theme-impact-chart.tsx gives each bar its theme and few-answers mark as data-*
 * attributes. Mark lines and points carry their own model and indexes of their own: they are left
 * untagged.
 */
echarts.zrender.registerSSRDataGetter((el) => {
  const { seriesIndex, dataIndex, dataModel } = echarts.helper.getECData(el);
  // No data, no attributes (zrender's type does not say that it takes undefined, its code does).
  if (seriesIndex == null || dataIndex == null || dataModel) return undefined as never;
  return echarts.zrUtil.createHashMap<number>({ series_index: seriesIndex, data_index: dataIndex });
});

export { echarts };
