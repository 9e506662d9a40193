import { useEffect, useState } from "react";
import { api } from "../api.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useMe } from "../session.ts";
import "./analysis-pending.css";

/** GET /api/v1/analysis/status (server/analysis-status-routes.ts), the part this notice needs. */
interface AnalysisStatus {
  mode: "inline" | "queue" | "auto" | "off";
  pending: { total: number };
  oldestPendingAt?: string | null;
  workers: number;
  /** Absent from a server of before 2026-12-06. */
  unread?: { sv: number; other: number; total: number; responses: number; encounters: number };
  /** Absent from a server of before 2026-12-06; null without an analyzer. */
  outdated?: { total: number; capped: boolean } | null;
}

/** What the overview has to warn about, if anything. */
export function analysisWarning(s: AnalysisStatus | null): "none" | "backlog" | "noWorker" {
  if (!s) return "none";
  // "queue" leaves every new record to a worker; "auto" analyses inline while none runs and "off"
  // (no analyzer in this server) stores none, so those two need one only for what already waits.
  const needsWorker = s.mode === "queue" || (s.mode !== "inline" && s.pending.total > 0);
  if (s.workers === 0 && needsWorker) return "noWorker";
  return s.pending.total > 0 ? "backlog" : "none";
}

/**
 * With KOHTAAMO_ANALYSIS=queue, records are stored first and analysed by workers after: while some
 * wait, themes and tone do not count them yet, so a warning box says how many and what to do (and
 * is polled until nothing is left to say). With no worker running it is an alert, since nothing
 * will move until someone starts one. Below it, a line says how many stored texts the analysis left
 * unread for their language (Swedish…), which the figures leave out, and one how many an earlier
 * version of the analysis read (models, rules or themes changed since), with the way to the
 * reanalysis for those who may start it. Nothing is shown when all is well or the status cannot be read.
 */
export function AnalysisPendingNotice({ everyMs = 15_000 }: { everyMs?: number }) {
  const { t, num, date } = useI18n();
  const me = useMe();
  const [status, setStatus] = useState<AnalysisStatus | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      api<AnalysisStatus>("/analysis/status", { signal: controller.signal }).then(
        (s) => {
          if (controller.signal.aborted) return;
          setStatus(s);
          if (analysisWarning(s) !== "none") timer = setTimeout(load, everyMs);
        },
        () => undefined,
      );
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [everyMs]);
  const warning = analysisWarning(status);
  if (!status) return null;
  const unread = status.unread && status.unread.total > 0 ? status.unread : null;
  // A viewer reads no customer text (the list and the export answer 403): the count, not the links.
  const readsText = me?.role !== "viewer";
  const canReanalyse = me?.role === "admin" || me?.role === "analyst";
  // Said whether or not anything waits: these texts stay out of the figures until they are read.
  // With where to find them: the encounters in their list, the comments as a file to read or pass on.
  const note = unread ? (
    <p className="analysis-unread muted small" data-testid="analysis-unread">
      {t(unread.total === 1 ? "analysis.unreadOne" : "analysis.unread", {
        count: num(unread.total, 0),
        sv: num(unread.sv, 0),
        other: num(unread.other, 0),
      })}
      {unread.encounters > 0 && readsText ? (
        <>
          {" "}
          <a href="/encounters?unread=any">
            {t("analysis.unreadEncounters", { count: num(unread.encounters, 0) })}
          </a>
        </>
      ) : null}
      {unread.responses > 0 && readsText ? (
        <>
          {" "}
          <a href="/api/v1/responses/export?unread=any&format=csv" download>
            {t("analysis.unreadComments", { count: num(unread.responses, 0) })}
          </a>
        </>
      ) : null}
    </p>
  ) : null;
  const outdated = status.outdated && status.outdated.total > 0 ? status.outdated : null;
  const outdatedCount = outdated
    ? outdated.capped
      ? t("analysis.outdatedMore", { count: num(outdated.total, 0) })
      : num(outdated.total, 0)
    : "";

  const stale = outdated ? (
    <p className="analysis-outdated muted small" data-testid="analysis-outdated">
      {t(outdated.total === 1 && !outdated.capped ? "analysis.outdatedOne" : "analysis.outdated", {
        count: outdatedCount,
      })}
      {canReanalyse ? (
        <>
          {" "}
          <a href="/taxonomy#reanalysis-title">{t("analysis.outdatedAction")}</a>
        </>
      ) : null}
    </p>
  ) : null;
  if (warning === "none")
    return (
      <>
        {note}
        {stale}
      </>
    );
  const waiting = status.pending.total;
  const noWorker = warning === "noWorker";
  return (
    <>
      <div
        className={`analysis-alert ${noWorker ? "analysis-alert-urgent" : ""}`}
        role={noWorker ? "alert" : "status"}
        data-testid="analysis-pending"
        data-warning={warning}
      >
        <svg className="analysis-alert-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
          <path d="M12 2 1 21h22L12 2Z" fill="currentColor" />
          <path d="M11 9h2v6h-2zM11 17h2v2h-2z" fill="#fff" />
        </svg>
        <div className="analysis-alert-body">
          <p className="analysis-alert-title">
            {noWorker ? t("analysis.noWorkerTitle") : t("analysis.backlogTitle")}
          </p>
          {waiting > 0 ? (
            <p data-testid="analysis-pending-count">
              {waiting === 1 ? t("analysis.pendingOne") : t("analysis.pending", { count: num(waiting, 0) })}
              {status.oldestPendingAt
                ? ` ${t("analysis.oldest", { date: date(status.oldestPendingAt) })}`
                : ""}
            </p>
          ) : null}
          {noWorker ? (
            <>
              {waiting === 0 ? <p>{t("analysis.newWillWait")}</p> : null}
              <p>
                <strong>{t("analysis.whatToDo")}</strong> {t("analysis.startWorker")}
              </p>
            </>
          ) : (
            <p>{t("analysis.workersBusy", { workers: num(status.workers, 0) })}</p>
          )}
          <p className="small">
            <a href="/api/v1/analysis/status" target="_blank" rel="noopener">
              {t("analysis.statusLink")}
            </a>
          </p>
        </div>
      </div>
      {note}
      {stale}
    </>
  );
}
