import type { ReactNode } from "react";
import type { Translate } from "../i18n/i18n-context.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";

/**
 * Whether a report's bootstrap intervals are still being computed by the reports.intervals job: the
 * API marks the report `intervals: "pending"` and gives null interval ends until the job has run
 * (workflows/report-intervals.ts). useApi asks again while it says so, so a view showing these
 * intervals updates by itself once they are there.
 */
export function intervalsPending(report: { intervals?: unknown }): boolean {
  return report.intervals === "pending";
}

/**
 * "computing…", muted, in place of an interval being computed: seen as the short label, heard (and
 * shown on hover) as the whole sentence, so the cell never reads as a bare "– … –".
 */
export function PendingInterval() {
  const { t } = useI18n();
  const long = t("interval.pendingLong");
  return (
    <span className="interval-pending" data-testid="interval-pending" title={long}>
      <span aria-hidden="true">{t("interval.pending")}</span>
      <span className="visually-hidden">{long}</span>
    </span>
  );
}

/** An interval's ends as `children` shows them, or PendingInterval while they are being computed. */
export function IntervalOrPending({
  pending,
  low,
  high,
  children,
}: {
  pending: boolean;
  low: number | null | undefined;
  high: number | null | undefined;
  children: ReactNode;
}) {
  return pending && (low == null || high == null) ? <PendingInterval /> : <>{children}</>;
}

/** The same in plain text (chart tooltips and their text for screen readers). */
export function intervalWords(
  t: Translate,
  pending: boolean,
  low: number | null | undefined,
  high: number | null | undefined,
  format: (v: number | null | undefined) => string,
): string {
  return pending && (low == null || high == null)
    ? t("interval.pendingLong")
    : `${format(low)} … ${format(high)}`;
}

/**
 * A theme's NPS impact as a table cell shows it: the signed figure, and for screen readers whether it is
 * significant (said only once the interval it is read from is there).
 */
export function ImpactFigure({
  value,
  significant,
  pending,
}: {
  value: number | null;
  significant: boolean;
  pending: boolean;
}) {
  const { t, signed } = useI18n();
  return (
    <>
      {signed(value, 1)}
      {pending ? null : (
        <span className="visually-hidden">
          {" "}
          ({significant ? t("change.significant") : t("change.notSignificant")})
        </span>
      )}
    </>
  );
}
