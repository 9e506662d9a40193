import { useEffect, useMemo, useRef } from "react";
import type { EncounterDetail } from "../api-types.ts";
import { echarts } from "../echarts.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

type Analysis = NonNullable<EncounterDetail["analysis"]>;

interface Props {
  turns: EncounterDetail["turns"];
  analysis: Analysis;
  /** Called with a turn's index when a marked moment is chosen. */
  onMoment(turn: number): void;
}

const MOMENT_COLOUR = { peak: "#b42318", end: "#1f5fbf", both: "#6b3fa0" } as const;

type MomentKind = Analysis["moments"][number]["kind"];

/** One pin on the arc: a turn, its score, and the moments it is (the peak, the end, or both). */
export interface MomentPin {
  turn: number;
  score: number;
  kinds: MomentKind[];
}

/**
 * The moments as pins, one per turn: when the peak is also the end (a call that ended on its
 * strongest turn), one pin names both. Two pins on one point were drawn one over the other, and
 * the hidden one could be neither read nor clicked.
 */
export function momentPins(moments: Analysis["moments"]): MomentPin[] {
  const pins: MomentPin[] = [];
  for (const m of moments) {
    const same = pins.find((p) => p.turn === m.turn);
    if (same) same.kinds.push(m.kind);
    else pins.push({ turn: m.turn, score: m.score, kinds: [m.kind] });
  }
  return pins;
}

/** The customer's tone turn by turn (−1…1), with the peak and end moments marked; a marked point opens its turn. */
export function ToneArcChart({ turns, analysis, onMoment }: Props) {
  const { t, num } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const onMomentRef = useRef(onMoment);
  onMomentRef.current = onMoment;
  const points = useMemo(
    () =>
      turns.flatMap((turn, index) =>
        // A turn the analysis did not read (its language) has no tone to draw.
        turn.speaker === "customer" && turn.analysis && !turn.analysis.unread_language
          ? [{ index, score: turn.analysis.tone.score }]
          : [],
      ),
    [turns],
  );
  const pins = useMemo(() => momentPins(analysis.moments), [analysis.moments]);

  useEffect(() => {
    if (!element.current) return;
    const names = (kinds: readonly MomentKind[]) => kinds.map((k) => t(`detail.moment.${k}`));
    const kindsName = (kinds: readonly MomentKind[]) => names(kinds).join(" + ");
    const instance = echarts.init(element.current, null, { renderer: "svg" });
    instance.setOption({
      animation: false,
      grid: { left: 44, right: 28, top: 44, bottom: 40 },
      tooltip: {
        trigger: "item",
        formatter: (p: { componentType?: string; data?: unknown; value?: unknown; name?: string }) => {
          const data = p.data as { value?: unknown; turn?: number; kinds?: MomentKind[] } | number[];
          if (p.componentType === "markPoint" && !Array.isArray(data) && data.kinds) {
            return t("detail.momentLink", {
              kind: kindsName(data.kinds),
              turn: (data.turn ?? 0) + 1,
              score: num(Number(data.value), 2),
            });
          }
          const [turn, score] = Array.isArray(data) ? data : [];
          return `${t("detail.turn", { n: turn ?? "" })}: ${num(score, 2)}`;
        },
      },
      xAxis: {
        type: "value",
        name: t("detail.arcAxis"),
        nameLocation: "middle",
        nameGap: 26,
        min: 1,
        max: Math.max(turns.length, 2),
        minInterval: 1,
        axisLabel: { color: "#5b6472" },
        nameTextStyle: { color: "#3b4452" },
        axisLine: { lineStyle: { color: "#c4cbd6" } },
        splitLine: { show: false },
      },
      yAxis: {
        type: "value",
        min: -1,
        max: 1,
        interval: 0.5,
        axisLabel: { color: "#5b6472", formatter: (v: number) => num(v, 1) },
        splitLine: { lineStyle: { color: "#eef0f4" } },
      },
      series: [
        {
          name: t("detail.arcSeries"),
          type: "line",
          data: points.map((p) => [p.index + 1, p.score]),
          symbolSize: 7,
          lineStyle: { width: 2.5, color: "#3b4452" },
          itemStyle: { color: "#3b4452" },
          markPoint: {
            symbol: "pin",
            symbolSize: 54,
            label: { color: "#fff", fontWeight: 600, fontSize: 10, lineHeight: 11 },
            data: pins.map((pin) => ({
              name: kindsName(pin.kinds),
              coord: [pin.turn + 1, pin.score],
              value: pin.score,
              turn: pin.turn,
              kinds: pin.kinds,
              // Both names, one under the other, on a larger pin of a colour of its own.
              label: { formatter: names(pin.kinds).join("\n") },
              ...(pin.kinds.length > 1 ? { symbolSize: 64 } : {}),
              itemStyle: {
                color: pin.kinds.length > 1 ? MOMENT_COLOUR.both : MOMENT_COLOUR[pin.kinds[0] as MomentKind],
              },
            })),
          },
        },
      ],
    });
    instance.on("click", (params) => {
      const data = params.data as { turn?: unknown } | null;
      if (params.componentType === "markPoint" && data && typeof data.turn === "number") {
        onMomentRef.current(data.turn);
      } else if (Array.isArray(params.data) && typeof params.data[0] === "number") {
        onMomentRef.current(params.data[0] - 1);
      }
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, [points, pins, turns.length, t, num]);

  const summary = t("detail.arcSummary", {
    points: points.map((p) => `${t("detail.turn", { n: p.index + 1 })} ${num(p.score, 2)}`).join("; "),
    trajectory: t(`trajectory.${analysis.arc.trajectory}`),
  });
  return <div ref={element} className="arc-chart" role="img" aria-label={summary} />;
}
