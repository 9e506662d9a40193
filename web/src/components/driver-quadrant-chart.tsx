import { useEffect, useMemo, useRef } from "react";
import { type DriversResult, isSuppressed } from "../api-types.ts";
import { echarts } from "../echarts.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import "./driver-quadrant.css";

export type ShownDriver = Exclude<DriversResult["drivers"][number], { suppressed: true }>;
type Quadrant = ShownDriver["quadrant"];

/** Colour and a shape per quadrant, so the quadrant reads without colour too. */
export const QUADRANT_STYLE: Record<Quadrant, { color: string; symbol: string }> = {
  fix_first: { color: "#b42318", symbol: "triangle" },
  strength: { color: "#146c43", symbol: "circle" },
  monitor: { color: "#9a6700", symbol: "diamond" },
  low_priority: { color: "#5b6472", symbol: "rect" },
};
const ORDER: readonly Quadrant[] = ["fix_first", "strength", "monitor", "low_priority"];

/** The drivers shown (not below the privacy floor). */
export function shownDrivers(report: DriversResult): ShownDriver[] {
  return report.drivers.flatMap((d) => (isSuppressed(d) ? [] : [d]));
}

/** Importance as % of R² (the report's share; computed when it is missing). */
export function sharePct(report: DriversResult, d: ShownDriver): number | null {
  if (d.share !== null) return d.share;
  return report.r2 > 0 ? (100 * d.importance) / report.r2 : null;
}

/** The mean share of importance: the line between important and not (the report's own rule). */
export function meanShare(report: DriversResult): number {
  return report.drivers.length > 0 ? 100 / report.drivers.length : 0;
}

/**
 * Importance (share of R²) against performance (% of answers where the driver is in a good state),
 * with the performance target and the mean share as dashed lines: the four quadrants of the report.
 */
export function DriverQuadrantChart({ report }: { report: DriversResult }) {
  const { t, num, lang } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const drivers = useMemo(() => shownDrivers(report), [report]);
  const target = report.performanceTarget;
  const mean = meanShare(report);
  const plotted = useMemo(
    () => drivers.filter((d) => d.performance !== null && sharePct(report, d) !== null),
    [drivers, report],
  );

  useEffect(() => {
    if (!element.current) return;
    const shares = plotted.map((d) =>
      Math.max(sharePct(report, d) as number, report.r2 > 0 ? (100 * (d.high ?? 0)) / report.r2 : 0),
    );
    const yMax = Math.max(5, Math.ceil((Math.max(mean, ...shares) * 1.15) / 5) * 5);
    // Name the drivers above the mean line, most important first, where a name has room: the
    // rest are in the tooltip, the text alternative and the table.
    const labelled = new Set<string>();
    const kept: [number, number][] = [];
    for (const d of [...plotted].sort((a, b) => b.importance - a.importance)) {
      const x = d.performance as number;
      const y = sharePct(report, d) as number;
      if (y < mean) continue;
      if (kept.some(([kx, ky]) => Math.abs(kx - x) < 22 && Math.abs(ky - y) < yMax / 18)) continue;
      kept.push([x, y]);
      labelled.add(d.driver);
    }
    // null while the bootstrap interval is still being computed (the report says intervals: pending).
    const pctOf = (x: number | null) => (x === null ? null : report.r2 > 0 ? (100 * x) / report.r2 : 0);
    const withInterval = plotted.filter((d) => d.low !== null && d.high !== null);
    const instance = echarts.init(element.current, null, { renderer: "svg" });
    const quadrants = ORDER.filter((q) => plotted.some((d) => d.quadrant === q));
    instance.setOption({
      animation: false,
      grid: { left: 56, right: 24, top: 48, bottom: 52 },
      legend: { top: 0, left: 0, textStyle: { color: "#3b4452" } },
      tooltip: {
        trigger: "item",
        formatter: (p: { data: { name: string; value: [number, number]; low: number; high: number } }) =>
          `<strong>${escapeHtml(p.data.name)}</strong><br/>${escapeHtml(t("driversPage.share"))}: ${num(p.data.value[1], 1)} % ${p.data.low === null || p.data.high === null ? "" : `(${num(p.data.low, 1)} … ${num(p.data.high, 1)})`}<br/>${escapeHtml(t("driversPage.performance"))}: ${num(p.data.value[0], 0)} %`,
      },
      xAxis: {
        type: "value",
        min: 0,
        max: 100,
        name: t("driversPage.axisPerformance"),
        nameLocation: "middle",
        nameGap: 30,
        nameTextStyle: { color: "#3b4452" },
        axisLabel: { color: "#5b6472", formatter: (v: number) => num(v, 0) },
        splitLine: { lineStyle: { color: "#eef0f4" } },
      },
      yAxis: {
        type: "value",
        min: 0,
        max: yMax,
        name: t("driversPage.axisImportance"),
        nameTextStyle: { color: "#3b4452", align: "left" },
        axisLabel: { color: "#5b6472", formatter: (v: number) => num(v, 0) },
        splitLine: { lineStyle: { color: "#eef0f4" } },
      },
      series: [
        // Each driver's 95% interval of importance, as a vertical whisker behind its point; left out
        // (and so out of the legend) while the intervals are still being computed.
        ...(withInterval.length === 0
          ? []
          : [
              {
                name: t("driversPage.interval"),
                type: "line",
                silent: true,
                symbol: "none",
                connectNulls: false,
                z: 1,
                tooltip: { show: false },
                lineStyle: { color: "#9aa3b1", width: 1.5 },
                itemStyle: { color: "#9aa3b1" },
                data: withInterval.flatMap((d) => [
                  [d.performance as number, pctOf(d.low)],
                  [d.performance as number, pctOf(d.high)],
                  "-",
                ]),
              },
            ]),
        ...quadrants.map((q, i) => {
          const members = plotted.filter((d) => d.quadrant === q);
          const style = QUADRANT_STYLE[q];
          return {
            name: members[0]?.quadrantName[lang] ?? q,
            type: "scatter",
            symbol: style.symbol,
            symbolSize: 13,
            itemStyle: { color: style.color, opacity: 0.9 },
            data: members.map((d) => ({
              name: d.name[lang],
              value: [d.performance as number, sharePct(report, d) as number],
              low: pctOf(d.low),
              high: pctOf(d.high),
              // Names of points near the right edge go to their left, inside the plot.
              label: {
                show: labelled.has(d.driver),
                position: (d.performance as number) > 75 ? "left" : "right",
              },
            })),
            label: {
              position: "right",
              color: "#17202c",
              fontSize: 11,
              formatter: (p: { name: string }) => p.name,
            },
            labelLayout: { hideOverlap: true },
            // The two lines drawn once, on the first series.
            markLine:
              i === 0
                ? {
                    silent: true,
                    symbol: "none",
                    lineStyle: { color: "#6b7483", type: "dashed", width: 1.25 },
                    label: { color: "#3b4452", fontSize: 11 },
                    data: [
                      {
                        xAxis: target,
                        label: {
                          formatter: t("driversPage.targetLine", { value: num(target, 0) }),
                          position: "end",
                        },
                      },
                      {
                        yAxis: mean,
                        label: {
                          formatter: t("driversPage.meanLine", { value: num(mean, 1) }),
                          position: "insideEndBottom",
                        },
                      },
                    ],
                  }
                : undefined,
          };
        }),
      ],
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, [plotted, report, mean, target, t, num, lang]);

  // The same figures in words, quadrant by quadrant, most important first.
  const quadrants = ORDER.flatMap((q) => {
    const members = plotted.filter((d) => d.quadrant === q);
    if (members.length === 0) return [];
    const list = members
      .map((d) => `${d.name[lang]} (${num(sharePct(report, d), 1)} %, ${num(d.performance, 0)} %)`)
      .join(", ");
    return [`${members[0]?.quadrantName[lang]}: ${list}.`];
  });
  const missing = drivers.filter((d) => !plotted.includes(d));
  const summary = t("driversPage.chartSummary", {
    count: plotted.length,
    target: num(target, 0),
    mean: num(mean, 1),
    quadrants: [
      ...quadrants,
      ...(missing.length > 0
        ? [t("driversPage.noPerformance", { drivers: missing.map((d) => d.name[lang]).join(", ") })]
        : []),
    ].join(" "),
  });
  return <div ref={element} className="driver-quadrant-chart" role="img" aria-label={summary} />;
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}
