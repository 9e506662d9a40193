import { useEffect, useRef } from "react";
import { isSuppressed, type ScoreResult } from "../api-types.ts";
import { echarts } from "../echarts.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

type Chart = NonNullable<Extract<ScoreResult, { controlChart?: unknown }>["controlChart"]>;

interface Props {
  chart: Chart;
  /** The selected period, shaded (YYYY-MM, both included). */
  from: string | null;
  to: string | null;
}

/** Monthly NPS with its 3σ control limits; months outside the limits are marked. */
export function TrendChart({ chart, from, to }: Props) {
  const { t, num, month } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const points = chart.points;

  useEffect(() => {
    if (!element.current) return;
    const periods = points.map((p) => p.period);
    const [yMin, yMax] = axisRange(points);
    const instance = echarts.init(element.current, null, { renderer: "svg" });
    const signalColor = "#b42318";
    instance.setOption({
      animation: false,
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      legend: { top: 0, left: 0, textStyle: { color: "#3b4452" } },
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: unknown) => (typeof v === "number" ? num(v, 1) : "–"),
      },
      xAxis: {
        type: "category",
        data: periods.map(month),
        axisLabel: { color: "#5b6472" },
        axisLine: { lineStyle: { color: "#c4cbd6" } },
      },
      yAxis: {
        type: "value",
        min: yMin,
        max: yMax,
        axisLabel: { color: "#5b6472", formatter: (v: number) => num(v, 0) },
        splitLine: { lineStyle: { color: "#eef0f4" } },
      },
      series: [
        {
          name: t("trend.nps"),
          type: "line",
          data: points.map((p) => {
            const v = value(p);
            const signal = !isSuppressed(p) && p.signal;
            return signal
              ? { value: v, symbolSize: 11, itemStyle: { color: signalColor, borderColor: signalColor } }
              : v;
          }),
          symbolSize: 7,
          lineStyle: { width: 2.5, color: "#1f5fbf" },
          itemStyle: { color: "#1f5fbf" },
          markArea:
            from && to && periods.includes(from) && periods.includes(to)
              ? {
                  silent: true,
                  itemStyle: { color: "rgba(31, 95, 191, 0.07)" },
                  label: {
                    show: true,
                    position: "insideTop",
                    color: "#3b4452",
                    formatter: t("trend.selected"),
                  },
                  data: [[{ xAxis: month(from) }, { xAxis: month(to) }]],
                }
              : undefined,
        },
        limitSeries(
          t("trend.centre"),
          points.map((p) => limit(p, "centre")),
          "#6b7483",
          "solid",
        ),
        limitSeries(
          t("trend.upper"),
          points.map((p) => limit(p, "upper")),
          "#9aa3b1",
          "dashed",
        ),
        limitSeries(
          t("trend.lower"),
          points.map((p) => limit(p, "lower")),
          "#9aa3b1",
          "dashed",
        ),
      ],
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, [points, from, to, t, num, month]);

  // The same figures as text, for screen readers and for reading exact values.
  const summary = t("trend.summary", {
    first: month(points[0]?.period ?? ""),
    last: month(points[points.length - 1]?.period ?? ""),
    points: points
      .map((p) => {
        const v = value(p);
        const mark =
          isSuppressed(p) || !p.signal
            ? ""
            : ` (${t(p.signal === "above" ? "trend.signalAbove" : "trend.signalBelow")})`;
        return `${month(p.period)} ${v === null ? "–" : num(v, 1)}${mark}`;
      })
      .join("; "),
  });
  return <div ref={element} className="trend-chart" role="img" aria-label={summary} />;
}

type Point = Chart["points"][number];

/**
 * The y range: the monthly values and the limits that are not at the scale's ends (a month with few
 * answers has limits at ±100, which would flatten every other month), in steps of 10.
 */
function axisRange(points: readonly Point[]): [number, number] {
  const seen = points.flatMap((p) =>
    [value(p), limit(p, "lower"), limit(p, "upper")].filter(
      (v): v is number => v !== null && Number.isFinite(v) && Math.abs(v) < 100,
    ),
  );
  if (seen.length === 0) return [-100, 100];
  const low = Math.max(-100, Math.floor((Math.min(...seen) - 5) / 10) * 10);
  const high = Math.min(100, Math.ceil((Math.max(...seen) + 5) / 10) * 10);
  return [low, high];
}

function value(p: Point): number | null {
  return isSuppressed(p) ? null : p.value;
}

function limit(p: Point, key: "lower" | "upper" | "centre"): number | null {
  return isSuppressed(p) ? null : p[key];
}

function limitSeries(name: string, data: (number | null)[], color: string, type: "solid" | "dashed") {
  return {
    name,
    type: "line",
    step: "middle",
    data,
    symbol: "none",
    lineStyle: { width: 1.25, color, type },
    itemStyle: { color },
    emphasis: { disabled: true },
  };
}
