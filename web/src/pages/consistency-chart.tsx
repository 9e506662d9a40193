import { useEffect, useMemo, useRef } from "react";
import { channelName } from "../components/dimension-names.ts";
import { echarts } from "../echarts.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

export interface ChannelPoint {
  channel: string;
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

/**
 * Each channel's NPS as a dot with its 95% interval as a line through it, and the pooled NPS of all
 * channels as a dashed line: intervals that do not reach the pooled line are the channels that stand
 * out. The same figures are given as text to screen readers; the table below has them all.
 */
export function ConsistencyChart({
  points,
  pooled,
}: {
  points: readonly ChannelPoint[];
  pooled: number | null;
}) {
  const { t, num, signed } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => points.filter((p) => p.value !== null), [points]);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, null, { renderer: "svg" });
    const names = rows.map((p) => channelName(p.channel, t));
    const values = rows.flatMap((p) => [p.low, p.high, p.value]).filter((v): v is number => v !== null);
    const low = Math.max(-100, Math.floor((Math.min(0, ...values) - 5) / 10) * 10);
    const high = Math.min(100, Math.ceil((Math.max(0, ...values) + 5) / 10) * 10);
    instance.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 24, bottom: 28, containLabel: true },
      tooltip: {
        trigger: "item",
        formatter: (p: { dataIndex: number }) => {
          const x = rows[p.dataIndex];
          if (!x) return "";
          return `${channelName(x.channel, t)}<br/>NPS ${signed(x.value, 1)}<br/>${t("consistency.interval")} ${signed(
            x.low,
            1,
          )} … ${signed(x.high, 1)}<br/>n = ${num(x.n, 0)}`;
        },
      },
      xAxis: {
        type: "value",
        min: low,
        max: high,
        axisLabel: { color: "#5b6472", formatter: (v: number) => signed(v, 0) },
        splitLine: { lineStyle: { color: "#eef0f4" } },
      },
      yAxis: {
        type: "category",
        data: names,
        inverse: true,
        axisLabel: { color: "#3b4452", width: 140, overflow: "truncate" },
        axisLine: { lineStyle: { color: "#c4cbd6" } },
        axisTick: { show: false },
      },
      series: [
        {
          name: "NPS",
          type: "scatter",
          symbolSize: 12,
          itemStyle: { color: "#1f5fbf" },
          data: rows.map((p, i) => [p.value, i]),
          markLine: {
            silent: true,
            symbol: ["none", "none"],
            label: { show: false },
            lineStyle: { color: "#1f5fbf", width: 2, type: "solid" },
            data: [
              ...rows.flatMap((p, i) =>
                p.low !== null && p.high !== null ? [[{ coord: [p.low, i] }, { coord: [p.high, i] }]] : [],
              ),
              ...(pooled !== null && Number.isFinite(pooled)
                ? [
                    {
                      xAxis: pooled,
                      lineStyle: { color: "#6b7483", type: "dashed", width: 1.25 },
                      label: { show: false },
                    },
                  ]
                : []),
            ],
          },
        },
      ],
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, [rows, pooled, t, num, signed]);

  const summary = t("consistency.chartSummary", {
    channels: rows
      .map(
        (p) =>
          `${channelName(p.channel, t)} ${signed(p.value, 1)} (${signed(p.low, 1)} … ${signed(p.high, 1)})`,
      )
      .join("; "),
  });
  return (
    <div
      ref={element}
      className="consistency-chart"
      style={{ height: `${Math.max(160, rows.length * 36 + 60)}px` }}
      role="img"
      aria-label={summary}
    />
  );
}
