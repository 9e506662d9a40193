import { useEffect, useMemo, useRef } from "react";
import { echarts } from "../echarts.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { FEW_ANSWERS, fewAnswers, type ThemeFigures } from "../pages/themes-shared.tsx";
import { intervalWords } from "./interval-text.tsx";

const DOWN = "#b42318";
const UP = "#146c43";
const FLAT = "#9aa3b1";
/** A grey bar's dashed outline: darker than its fill, or the dashes would fade into the page. */
const FLAT_EDGE = "#6b7483";
/** How much of its colour a bar that rests on few answers keeps (the others are drawn at 0.75). */
const FEW_ALPHA = 0.25;
/** The dash of their outline, as ECharts and the note's sample draw it. */
const FEW_DASH = [4, 3];

/**
 * NPS impact per theme as horizontal bars, each with its 95% interval drawn as a line across it
 * (mark lines). Significant impacts are coloured (red pulls NPS down, green lifts it); the others grey.
 * An impact that rests on few answers is drawn lighter with a dashed outline, so that it reads apart
 * without colour too, and the note under the chart says what that means. The same figures are given
 * as text to screen readers, and the table beside it has them all.
 */
export function ThemeImpactChart({
  themes,
  pending = false,
}: {
  themes: readonly ThemeFigures[];
  /** The report's intervals are still being computed (their ends null): said in words, not "– … –". */
  pending?: boolean;
}) {
  const { t, num, signed, lang } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  // Largest pull down at the top: ECharts draws the first category at the bottom. A theme no survey
  // answer mentions has no NPS impact (the API's 0 is no measurement): it gets no bar, and the
  // note under the chart names it. Each bar is tagged data-theme, and data-few-answers="true" when
  // it rests on few answers (after every render: ECharts may redraw its elements).
  const rows = useMemo(
    () =>
      [...themes]
        .filter((x) => x.answers > 0 && x.npsImpact.value !== null && Number.isFinite(x.npsImpact.value))
        .sort((a, b) => (b.npsImpact.value ?? 0) - (a.npsImpact.value ?? 0)),
    [themes],
  );

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, null, { renderer: "svg" });
    // The axis covers every interval, not only the bars, or the widest intervals would be cut off.
    const ends = rows.flatMap((x) =>
      [x.npsImpact.low, x.npsImpact.high, x.npsImpact.value].filter(
        (v): v is number => v !== null && Number.isFinite(v),
      ),
    );
    const [min, max] = [Math.min(0, ...ends), Math.max(0, ...ends)].map((v) =>
      v < 0 ? Math.floor(v / 5) * 5 : Math.ceil(v / 5) * 5,
    ) as [number, number];
    const colour = (x: ThemeFigures) =>
      !x.npsImpact.significant ? FLAT : (x.npsImpact.value ?? 0) < 0 ? DOWN : UP;
    const itemStyle = (x: ThemeFigures) => {
      const c = colour(x);
      return fewAnswers(x)
        ? {
            color: echarts.color.modifyAlpha(c, FEW_ALPHA),
            borderColor: c === FLAT ? FLAT_EDGE : c,
            borderWidth: 1.5,
            borderType: FEW_DASH,
            opacity: 1,
          }
        : { color: c, opacity: 0.75 };
    };
    instance.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 8, bottom: 28, containLabel: true },
      tooltip: {
        trigger: "item",
        formatter: (p: { dataIndex: number }) => {
          const x = rows[p.dataIndex];
          if (!x) return "";
          const { low, high } = x.npsImpact;
          const interval = intervalWords(t, pending, low, high, (v) => signed(v, 1));
          // While it is being computed the words say "95% interval …" themselves: no second label.
          const computing = pending && (low == null || high == null);
          const few = fewAnswers(x) ? `<br/>${t("themes.fewAnswers", { n: num(x.answers, 0) })}` : "";
          return `${x.name[lang]}<br/>${t("themes.impact")} ${signed(x.npsImpact.value, 1)}<br/>${
            computing ? interval : `${t("themes.interval")} ${interval}`
          }${few}`;
        },
      },
      xAxis: {
        type: "value",
        min,
        max,
        axisLabel: { color: "#5b6472", formatter: (v: number) => signed(v, 0) },
        splitLine: { lineStyle: { color: "#eef0f4" } },
      },
      yAxis: {
        type: "category",
        data: rows.map((x) => x.name[lang]),
        axisLabel: { color: "#3b4452", width: 180, overflow: "truncate" },
        axisLine: { lineStyle: { color: "#c4cbd6" } },
        axisTick: { show: false },
      },
      series: [
        {
          name: t("themes.impact"),
          type: "bar",
          barMaxWidth: 18,
          data: rows.map((x) => ({
            value: x.npsImpact.value,
            itemStyle: itemStyle(x),
          })),
          markLine: {
            silent: true,
            symbol: ["none", "none"],
            label: { show: false },
            lineStyle: { color: "#17202c", width: 1.5, type: "solid" },
            data: rows.flatMap((x, i) =>
              x.npsImpact.low !== null && x.npsImpact.high !== null
                ? [[{ coord: [x.npsImpact.low, i] }, { coord: [x.npsImpact.high, i] }]]
                : [],
            ),
          },
        },
      ],
    });
    const root = element.current;
    instance.on("finished", () => {
      const bars = root.querySelectorAll<SVGElement>('[ecmeta_series_index="0"][ecmeta_data_index]');
      for (const bar of bars) {
        const x = rows[Number(bar.getAttribute("ecmeta_data_index"))];
        if (!x) continue;
        bar.setAttribute("data-theme", x.theme);
        if (fewAnswers(x)) bar.setAttribute("data-few-answers", "true");
        else bar.removeAttribute("data-few-answers");
      }
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(root);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, [rows, t, num, signed, lang, pending]);

  const summary = t("themes.chartSummary", {
    themes: [...rows]
      .reverse()
      .map(
        (x) =>
          `${x.name[lang]} ${signed(x.npsImpact.value, 1)} (${intervalWords(
            t,
            pending,
            x.npsImpact.low,
            x.npsImpact.high,
            (v) => num(v, 1),
          )})${fewAnswers(x) ? `, ${t("themes.fewAnswers", { n: num(x.answers, 0) })}` : ""}`,
      )
      .join("; "),
  });
  const without = themes.filter((x) => x.answers === 0).map((x) => x.name[lang]);
  // Bars that rest on a handful of answers are drawn (their interval says what it can), lighter and
  // dashed; one line under the chart says so, with a sample of such a bar (the names are in the table).
  const few = rows.some(fewAnswers);
  return (
    <>
      <div
        ref={element}
        className="theme-impact-chart"
        style={{ height: `${Math.max(160, rows.length * 30 + 50)}px` }}
        role="img"
        aria-label={summary}
      />
      {few ? (
        <p className="muted small theme-chart-key" data-testid="chart-few-answers">
          <svg width={22} height={12} aria-hidden="true" focusable="false">
            <rect
              x={1}
              y={1}
              width={20}
              height={10}
              fill={echarts.color.modifyAlpha(FLAT, FEW_ALPHA)}
              stroke={FLAT_EDGE}
              strokeWidth={1.5}
              strokeDasharray={FEW_DASH.join(" ")}
            />
          </svg>
          {t("themes.chartFewAnswers", { n: num(FEW_ANSWERS, 0) })}
        </p>
      ) : null}
      {without.length > 0 ? (
        <p className="muted small" data-testid="chart-no-answers">
          {t("themes.chartNoAnswers", { themes: without.join(", ") })}
        </p>
      ) : null}
    </>
  );
}
