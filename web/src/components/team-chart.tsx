import { useEffect, useRef } from "react";
import { type ExLinkResult, isSuppressed } from "../api-types.ts";
import { echarts } from "../echarts.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import "./team-chart.css";

export type TeamMonthRow = ExLinkResult["series"][number];
type TeamLink = Exclude<ExLinkResult["teams"][number], { suppressed: true }>;

const NPS_COLOR = "#1f5fbf";
const ENPS_COLOR = "#b54708";
const TONE_COLOR = "#6b7483";
/**
 * Answers below which a team's month is drawn hollow. Not the reports' small-sample line (30, the
 * "interpret with care" warning): most team-months of a small team fall under that, and marking every
 * point marks none; under 10 the 95% interval of an NPS is about ±50 points wide or wider.
 */
const FEW = 10;

/**
 * One team's months: NPS and eNPS on the same −100…100 scale (left axis), the customers' tone
 * (−1…1) on the right axis, and the months where the report found a shift marked.
 */
export function TeamChart({
  team,
  months,
  link,
}: {
  team: string;
  months: readonly TeamMonthRow[];
  link: TeamLink | null;
}) {
  const { t, num, signed, month } = useI18n();
  const element = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!element.current) return;
    const labels = months.map((m) => month(m.month));
    const pick = (key: "nps" | "enps" | "tone") =>
      months.map((m) => (isSuppressed(m) ? null : (m[key] ?? null)));
    // A month's NPS from fewer than FEW answers is drawn hollow: a swing to −100 from three answers
    // is noise, and the reader should see that before reading it as a fall. (eNPS is not marked: a
    // team's monthly pulse is nearly always that small, and the report's lags test reads the series.)
    const nps = months.map((m) => {
      if (isSuppressed(m) || m.nps === null) return null;
      return m.npsN < FEW ? { value: m.nps, symbol: "emptyCircle", symbolSize: 8 } : m.nps;
    });
    const shift = (change: TeamLink["npsChange"], color: string) =>
      change && months.some((m) => m.month === change.month)
        ? {
            silent: true,
            symbol: "none",
            lineStyle: { color, type: "dotted", width: 1.5 },
            label: { show: false },
            data: [{ xAxis: month(change.month) }],
          }
        : undefined;
    const instance = echarts.init(element.current, null, { renderer: "svg" });
    instance.setOption({
      animation: false,
      grid: { left: 40, right: 40, top: 36, bottom: 28 },
      legend: { top: 0, left: 0, textStyle: { color: "#3b4452", fontSize: 11 }, itemWidth: 18 },
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: unknown) => (typeof v === "number" ? num(v, Math.abs(v) <= 1 ? 2 : 1) : "–"),
      },
      xAxis: {
        type: "category",
        data: labels,
        axisLabel: { color: "#5b6472", fontSize: 10 },
        axisLine: { lineStyle: { color: "#c4cbd6" } },
      },
      yAxis: [
        {
          type: "value",
          min: -100,
          max: 100,
          interval: 50,
          axisLabel: { color: "#5b6472", fontSize: 10, formatter: (v: number) => num(v, 0) },
          splitLine: { lineStyle: { color: "#eef0f4" } },
        },
        {
          type: "value",
          min: -1,
          max: 1,
          interval: 0.5,
          axisLabel: { color: "#5b6472", fontSize: 10, formatter: (v: number) => num(v, 1) },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          name: t("teamsPage.nps"),
          type: "line",
          data: nps,
          symbol: "circle",
          symbolSize: 6,
          lineStyle: { width: 2.5, color: NPS_COLOR },
          itemStyle: { color: NPS_COLOR },
          markLine: shift(link?.npsChange ?? null, NPS_COLOR),
        },
        {
          name: t("teamsPage.enps"),
          type: "line",
          data: pick("enps"),
          symbol: "triangle",
          symbolSize: 7,
          lineStyle: { width: 2, color: ENPS_COLOR, type: "dashed" },
          itemStyle: { color: ENPS_COLOR },
          markLine: shift(link?.enpsChange ?? null, ENPS_COLOR),
        },
        {
          name: t("teamsPage.toneAxis"),
          type: "line",
          yAxisIndex: 1,
          data: pick("tone"),
          symbol: "none",
          lineStyle: { width: 1.25, color: TONE_COLOR, type: "dotted" },
          itemStyle: { color: TONE_COLOR },
        },
      ],
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, [months, link, t, num, month]);

  const points = months
    .map((m) =>
      isSuppressed(m)
        ? `${month(m.month)} ${t("state.suppressed")}`
        : `${month(m.month)} ${t("teamsPage.nps")} ${signed(m.nps, 1)} (n = ${m.npsN}), ${t("teamsPage.enps")} ${signed(m.enps, 1)} (n = ${m.enpsN}), ${t("teamsPage.tone")} ${signed(m.tone, 2)}`,
    )
    .join("; ");
  const few = months.some((m) => !isSuppressed(m) && m.nps !== null && m.npsN < FEW);
  return (
    <>
      <div
        ref={element}
        className="team-chart"
        role="img"
        aria-label={t("teamsPage.chartSummary", { team, points })}
      />
      {few ? (
        <p className="muted small" data-testid="team-few-answers">
          {t("teamsPage.fewAnswers", { n: FEW })}
        </p>
      ) : null}
    </>
  );
}
