/**
 * Why a web import run failed, when the server itself ended it: the English sentence the API has
 * always given (`error`), and a stable code (`errorCode`) from which the web app words it in the
 * user's language (web/src/i18n/pages/import.ts, `import.runError.*`). Errors the importer raises
 * about the file itself (unreadable, wrong columns) have no code here and are shown as they come.
 */
export const RUN_ERRORS = {
  /** The stored upload is gone (swept after an hour, or taken by another run). */
  file_gone: "the uploaded file is no longer there; upload it again",
  /** An unexpected error on the last attempt; its message is not quoted (it may quote the file). */
  unexpected:
    "the import stopped on an unexpected error; the records stored so far are kept, and importing the file again is safe",
  /** The process running it stopped and nothing will resume it (abandoned-import-runs.ts). */
  interrupted:
    "the import was interrupted (the process running it stopped) and will not resume; the records stored before that are kept. Import the file again to finish: rows already stored are counted as unchanged, none are duplicated",
  /** The job could not be added to the queue right after the run began. */
  not_queued:
    "the import could not be handed to the job queue, so nothing was imported; start it again in a moment",
} as const;

export type RunErrorCode = keyof typeof RUN_ERRORS;
export const RUN_ERROR_CODES = Object.keys(RUN_ERRORS) as RunErrorCode[];

/** The code of a run's stored error, or null for none or an error the importer worded. */
export function runErrorCode(error: string | null): RunErrorCode | null {
  if (error === null) return null;
  return RUN_ERROR_CODES.find((code) => RUN_ERRORS[code] === error) ?? null;
}
