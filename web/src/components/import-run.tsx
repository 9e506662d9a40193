import { useEffect, useId, useRef } from "react";
import type { ImportRunResult } from "../api-types.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { runErrorText } from "./import-file-errors.ts";
import { problemsText } from "./import-reasons.ts";

const COUNTS = ["inserted", "updated", "unchanged", "rejected"] as const;
/** What the import changed or left undone on the way in, each said only when it happened. */
const NOTES = ["encodingRepairs", "htmlBodies", "tooOldForCases"] as const;

/** A running import's progress; once it has ended, the counts and the rejected rows with their reasons. */
export function ImportRunPanel({ run, onAgain }: { run: ImportRunResult; onAgain(): void }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const running = run.status === "running";
  // When the run ends, focus moves to its result so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (!running) heading.current?.focus();
  }, [running]);
  const { bytesRead, totalBytes, processed } = run.progress;
  const percent = totalBytes > 0 ? Math.min(100, Math.round((bytesRead / totalBytes) * 100)) : 0;
  // Imports are background jobs: until a worker takes this one, nothing has been read.
  const queued = running && bytesRead === 0 && processed === 0;

  return (
    <section className="card import-step" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t("import.step3")}
      </h2>
      {running ? (
        <div role="status" aria-live="polite" data-queued={queued ? "true" : "false"}>
          <p>{t(queued ? "import.queued" : "import.running", { name: run.name })}</p>
          {/* Without a value while queued: an indeterminate bar, not a stuck 0%. */}
          <progress
            className="import-progress"
            max={100}
            {...(queued ? {} : { value: percent })}
            aria-label={t("import.progressLabel")}
          />
          {queued ? null : (
            <p className="muted small">{t("import.progress", { processed: num(processed, 0) })}</p>
          )}
        </div>
      ) : run.status === "failed" ? (
        <div className="status status-error" role="alert">
          <p>{t("import.runFailed", { message: runErrorText(i18n, run) })}</p>
        </div>
      ) : (
        <p role="status" className="import-done">
          {t("import.done", { name: run.name })}
        </p>
      )}

      {!running ? (
        <>
          <dl className="import-counts" aria-label={t("import.countsCaption")}>
            {COUNTS.map((key) => (
              <div key={key} className={`import-count import-count-${key}`} data-count={key}>
                <dt>{t(`import.${key}`)}</dt>
                <dd>{num(run.counts[key], 0)}</dd>
              </div>
            ))}
          </dl>
          <RunNotes run={run} />
          {run.counts.rejected > 0 ? (
            <RejectedRows run={run} />
          ) : run.status === "done" ? (
            <p className="muted">{t("import.noneRejected")}</p>
          ) : null}
          <div className="import-actions">
            <button type="button" className="button button-secondary" onClick={onAgain}>
              {t("import.again")}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}

/** The importer's notes (the command line's stderr lines), each with its count, or nothing. */
function RunNotes({ run }: { run: ImportRunResult }) {
  const { t, num } = useI18n();
  const said = NOTES.filter((key) => run.notes[key] > 0);
  if (said.length === 0) return null;
  return (
    <ul className="import-notes" aria-label={t("import.notesCaption")}>
      {said.map((key) => (
        <li key={key} data-note={key}>
          {t(`import.note.${key}`, { count: num(run.notes[key], 0) })}
        </li>
      ))}
    </ul>
  );
}

function RejectedRows({ run }: { run: ImportRunResult }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const id = useId();
  const columns = run.rejectedColumns;
  return (
    <>
      <h3 id={`${id}-rejected`}>{t("import.rejectedTitle")}</h3>
      <p className="muted small">{t("import.rejectedIntro")}</p>
      <div className="table-scroll import-rejected">
        <table className="table compact" aria-labelledby={`${id}-rejected`}>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("import.line")}
              </th>
              <th scope="col">{t("import.reasons")}</th>
              {columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {run.rejected.map((r) => (
              <tr key={r.line}>
                <td className="num">{num(r.line, 0)}</td>
                <td className="import-reason">{problemsText(i18n, r)}</td>
                {columns.map((c) => (
                  <td key={c} className="import-cell">
                    {r.cells[c] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {run.rejected.length < run.counts.rejected ? (
        <p className="muted small">
          {t("import.rejectedMore", {
            shown: num(run.rejected.length, 0),
            total: num(run.counts.rejected, 0),
          })}
        </p>
      ) : null}
      <p>
        <a className="button button-small" href={`/api/v1/imports/runs/${run.id}/rejects`} download>
          {t("import.download")}
        </a>
      </p>
    </>
  );
}
