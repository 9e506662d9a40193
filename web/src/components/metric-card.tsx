import { isSuppressed, type ScoreResult } from "../api-types.ts";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import type { Loaded } from "../use-api.ts";
import { ErrorState, Loading, Suppressed } from "./status.tsx";

export interface MetricSpec {
  metric: "nps" | "csat" | "ces" | "enps";
  digits: number;
  unit: string;
  /** CES: a lower figure is the better one. */
  lowerIsBetter?: boolean;
}

/** Below this many answers in either period the change is tested exactly and flagged (stats: SMALL_SAMPLE). */
const SMALL_GROUP = 30;

/** One key figure: its value, 95% interval and n, and the change from the previous period with its verdict. */
export function MetricCard({ spec, loaded }: { spec: MetricSpec; loaded: Loaded<ScoreResult> }) {
  const { t } = useI18n();
  const titleId = `metric-${spec.metric}`;
  return (
    <article className="card metric-card" aria-labelledby={titleId} data-metric={spec.metric}>
      <header className="metric-head">
        <h3 id={titleId}>{t(`metric.${spec.metric}` as MessageKey)}</h3>
        <p className="muted small">{t(`metric.${spec.metric}Hint` as MessageKey)}</p>
      </header>
      {loaded.state === "loading" ? <Loading /> : null}
      {loaded.state === "error" ? <ErrorState error={loaded.error} retry={loaded.retry} /> : null}
      {loaded.state === "done" ? <MetricBody spec={spec} report={loaded.data} /> : null}
    </article>
  );
}

function MetricBody({ spec, report }: { spec: MetricSpec; report: ScoreResult }) {
  const { t, num } = useI18n();
  if (isSuppressed(report)) return <Suppressed />;
  if (!("n" in report) || report.n === 0 || report.value === null) {
    return <p className="status status-empty">{t("metric.noAnswers")}</p>;
  }
  return (
    <>
      <p className="metric-value" data-testid={`${spec.metric}-value`}>
        {num(report.value, spec.digits)}
        {spec.unit ? <span className="metric-unit">{spec.unit}</span> : null}
      </p>
      <p className="metric-interval" data-testid={`${spec.metric}-interval`}>
        {t("metric.interval", { low: num(report.low, spec.digits), high: num(report.high, spec.digits) })}
        <span className="dot" aria-hidden="true">
          ·
        </span>
        {t("metric.n", { n: num(report.n, 0) })}
      </p>
      {report.warning ? <p className="metric-warning small">{t("metric.smallSample")}</p> : null}
      <Change spec={spec} report={report} />
    </>
  );
}

function Change({ spec, report }: { spec: MetricSpec; report: ScoreResult }) {
  const { t, num, signed, date } = useI18n();
  const previous = report.previous;
  if (!previous) return <p className="metric-change muted small">{t("change.none")}</p>;
  if (isSuppressed(previous))
    return <p className="metric-change muted small">{t("change.previousHidden")}</p>;
  const { change } = previous;
  const difference = change.difference ?? 0;
  const better = spec.lowerIsBetter ? difference < 0 : difference > 0;
  const tone = !change.significant ? "neutral" : better ? "better" : "worse";
  const arrow = difference > 0 ? "▲" : difference < 0 ? "▼" : "■";
  return (
    <div className={`metric-change change-${tone}`}>
      <p>
        <span aria-hidden="true" className="arrow">
          {arrow}
        </span>{" "}
        {t("change.value", { difference: signed(change.difference, spec.digits) })}
        {" · "}
        <strong className="verdict">
          {change.significant ? t("change.significant") : t("change.notSignificant")}
        </strong>
        {change.pValue !== null ? (
          <span className="muted">
            {" "}
            (p {change.pValue < 0.01 ? `< ${num(0.01, 2)}` : `= ${num(change.pValue, 2)}`})
          </span>
        ) : null}
      </p>
      {Math.min(change.nA, change.nB) < SMALL_GROUP ? (
        <p className="metric-warning small">
          {t("change.fewAnswers", { n: num(Math.min(change.nA, change.nB), 0) })}
        </p>
      ) : null}
      <p className="muted small">
        {t("filters.comparedWith", {
          from: date(previous.from),
          // `to` is the first instant excluded: the last day shown is the one before it.
          to: date(new Date(new Date(previous.to).getTime() - 1).toISOString()),
        })}
      </p>
    </div>
  );
}
