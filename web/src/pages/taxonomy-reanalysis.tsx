import { useCallback, useEffect, useRef, useState } from "react";
import type { ReanalysisBody } from "../../../src/server/taxonomy-schemas.ts";
import { ApiError, api } from "../api.ts";
import { ErrorState, Loading } from "../components/status.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";

const POLL_MS = 1000;

/** GET /api/v1/analysis/status, the part this card needs (absent from a server of before 2026-12-06). */
interface OutdatedStatus {
  outdated?: { total: number; capped: boolean } | null;
}

/**
 * The "Reanalyse all" card: the run's state from GET /reanalysis (polled while it runs), a
 * progress bar, and the result; and how many stored records an earlier version of the analysis
 * read (GET /analysis/status `outdated`), which is what a reanalysis would bring up to date. The run
 * itself is on the server; leaving the page stops nothing.
 */
export function ReanalysisPanel({ unsaved }: { unsaved: boolean }) {
  const { t, num, locale } = useI18n();
  const [status, setStatus] = useState<ReanalysisBody | null>(null);
  const [outdated, setOutdated] = useState<OutdatedStatus["outdated"]>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [starting, setStarting] = useState(false);
  const [busy, setBusy] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  const poll = useCallback(async () => {
    window.clearTimeout(timer.current);
    try {
      const next = await api<ReanalysisBody>("/reanalysis");
      setStatus(next);
      setError(null);
      // Only a hint, shown when no run is going (the card works without it): not read on every tick of a run.
      if (next.state !== "running")
        api<OutdatedStatus>("/analysis/status").then(
          (s) => setOutdated(s.outdated),
          () => setOutdated(undefined),
        );
      if (next.state === "running") timer.current = window.setTimeout(() => void poll(), POLL_MS);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }, []);

  useEffect(() => {
    void poll();
    return () => window.clearTimeout(timer.current);
  }, [poll]);

  // Read again once the page's edits are saved: a saved taxonomy makes every stored analysis outdated.
  const wasUnsaved = useRef(unsaved);
  useEffect(() => {
    if (wasUnsaved.current && !unsaved) void poll();
    wasUnsaved.current = unsaved;
  }, [poll, unsaved]);

  const start = async () => {
    setStarting(true);
    setBusy(false);
    try {
      setStatus(await api<ReanalysisBody>("/reanalysis", { method: "POST" }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setBusy(true);
      else setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setStarting(false);
      timer.current = window.setTimeout(() => void poll(), POLL_MS);
    }
  };

  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso))
      : "";
  const running = status?.state === "running";
  const resumable = status?.state === "interrupted" || status?.state === "failed";
  const percent = status && status.total > 0 ? Math.floor((100 * status.done) / status.total) : 0;
  const counts = status
    ? { done: num(status.done, 0), total: num(status.total, 0) }
    : { done: "", total: "" };

  return (
    <section className="card taxonomy-reanalysis" aria-labelledby="reanalysis-title">
      <h2 id="reanalysis-title">{t("taxonomy.reanalysis.title")}</h2>
      <p className="muted">{t("taxonomy.reanalysis.intro")}</p>
      {error ? <ErrorState error={error} retry={() => void poll()} /> : null}
      {!status && !error ? <Loading /> : null}
      {status ? (
        <>
          {running || status.state === "done" || resumable ? (
            <progress
              className="taxonomy-progress"
              aria-label={t("taxonomy.reanalysis.progress")}
              max={Math.max(status.total, 1)}
              value={status.state === "done" ? Math.max(status.total, 1) : status.done}
            />
          ) : null}
          <p className={`taxonomy-run-state taxonomy-run-${status.state}`} role="status">
            {status.state === "idle" ? t("taxonomy.reanalysis.idle") : null}
            {running ? t("taxonomy.reanalysis.running", { ...counts, percent: num(percent, 0) }) : null}
            {status.state === "done"
              ? t("taxonomy.reanalysis.done", { when: when(status.finishedAt), total: counts.total })
              : null}
            {status.state === "failed"
              ? t("taxonomy.reanalysis.failed", { ...counts, error: status.error ?? "" })
              : null}
            {status.state === "interrupted" ? t("taxonomy.reanalysis.interrupted", counts) : null}
            {busy && !running ? ` ${t("taxonomy.reanalysis.busy")}` : null}
          </p>
          {outdated && !running ? (
            <p className="small" data-testid="reanalysis-outdated">
              {outdated.total > 0
                ? t("taxonomy.reanalysis.outdated", {
                    count: outdated.capped
                      ? t("analysis.outdatedMore", { count: num(outdated.total, 0) })
                      : num(outdated.total, 0),
                  })
                : t("taxonomy.reanalysis.current")}
            </p>
          ) : null}
          {status.startedBy && status.state !== "idle" ? (
            <p className="small muted">
              {t("taxonomy.reanalysis.startedBy", { who: status.startedBy, when: when(status.startedAt) })}
            </p>
          ) : null}
          <div className="taxonomy-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={running || starting || unsaved}
              aria-describedby={unsaved ? "reanalysis-save-first" : undefined}
              onClick={() => void start()}
            >
              {starting
                ? t("taxonomy.reanalysis.starting")
                : resumable
                  ? t("taxonomy.reanalysis.resume")
                  : t("taxonomy.reanalysis.start")}
            </button>
            {unsaved ? (
              <span id="reanalysis-save-first" className="small muted">
                {t("taxonomy.reanalysis.saveFirst")}
              </span>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
