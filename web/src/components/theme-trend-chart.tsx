import { useEffect, useRef } from "react";
import { echarts } from "../echarts.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

export interface ThemeMonth {
  month: string;
  volume: number;
  share: number;
}

/**
 * A theme month by month: the encounters that mention it (bars, left axis) and their share of the
 * month's analysed encounters (line, right axis). The month it started emerging, if any, is marked.
 */
export function ThemeTrendChart({
  monthly,
  emergingMonth,
  from = null,
  to = null,
}: {
  monthly: readonly ThemeMonth[];
  emergingMonth: string | null;
  /** The selected period, shaded (YYYY-MM, both included). */
  from?: string | null;
  to?: string | null;
}) {
  const { t, num, month } = useI18n();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, null, { renderer: "svg" });
    instance.setOption({
      animation: false,
      grid: { left: 48, right: 48, top: 40, bottom: 32 },
      legend: { top: 0, left: 0, textStyle: { color: "#3b4452" } },
      tooltip: { trigger: "axis" },
      xAxis: {
        type: "category",
        data: monthly.map((m) => month(m.month)),
        axisLabel: { color: "#5b6472" },
        axisLine: { lineStyle: { color: "#c4cbd6" } },
      },
      yAxis: [
        {
          type: "value",
          minInterval: 1,
          axisLabel: { color: "#5b6472", formatter: (v: number) => num(v, 0) },
          splitLine: { lineStyle: { color: "#eef0f4" } },
        },
        {
          type: "value",
          min: 0,
          axisLabel: { color: "#5b6472", formatter: (v: number) => `${num(v, 0)} %` },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          name: t("themes.volume"),
          type: "bar",
          barMaxWidth: 28,
          itemStyle: { color: "#c9dcf5" },
          data: monthly.map((m) => m.volume),
          tooltip: { valueFormatter: (v: unknown) => (typeof v === "number" ? num(v, 0) : "–") },
          markLine:
            emergingMonth && monthly.some((m) => m.month === emergingMonth)
              ? {
                  silent: true,
                  symbol: ["none", "none"],
                  lineStyle: { color: "#174a95", type: "dashed" },
                  label: { formatter: t("themes.emerging"), color: "#174a95" },
                  data: [{ xAxis: month(emergingMonth) }],
                }
              : undefined,
          markArea:
            from && to && monthly.some((m) => m.month === from) && monthly.some((m) => m.month === to)
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
        {
          name: t("themes.share"),
          type: "line",
          yAxisIndex: 1,
          symbolSize: 7,
          lineStyle: { width: 2.5, color: "#1f5fbf" },
          itemStyle: { color: "#1f5fbf" },
          data: monthly.map((m) => m.share),
          tooltip: { valueFormatter: (v: unknown) => (typeof v === "number" ? `${num(v, 1)} %` : "–") },
        },
      ],
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, [monthly, emergingMonth, from, to, t, num, month]);

  return (
    <>
      <div
        ref={element}
        className="theme-trend-chart"
        role="img"
        aria-label={t("themes.trendSummary", {
          months: monthly
            .map((m) => `${month(m.month)} ${num(m.volume, 0)} (${num(m.share, 1)} %)`)
            .join("; "),
        })}
      />
      <details className="theme-trend-table">
        <summary>{t("themes.trendAsTable")}</summary>
        <table className="table compact">
          <caption className="visually-hidden">{t("themes.trendTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("themes.month")}</th>
              <th scope="col" className="num">
                {t("themes.volume")}
              </th>
              <th scope="col" className="num">
                {t("themes.share")}
              </th>
            </tr>
          </thead>
          <tbody>
            {monthly.map((m) => (
              <tr key={m.month}>
                <th scope="row">
                  {month(m.month)}
                  {m.month === emergingMonth ? (
                    <span className="badge badge-info">{t("themes.emerging")}</span>
                  ) : null}
                </th>
                <td className="num">{num(m.volume, 0)}</td>
                <td className="num">{num(m.share, 1)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
