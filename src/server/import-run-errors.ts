import { FILE_ERROR_CODES, type FileErrorCode, fileErrorOf, isFileErrorCode } from "../domain/index.ts";
import type { RunError } from "../store/import-run-repository.ts";

/**
 * Why a web import run failed, as the API shows it: the English sentence it has always given
 * (`error`), and a stable code (`errorCode`) with its parameters (`errorParams`) from which the web app
 * words it in the user's language (web/src/i18n/pages/import.ts `import.runError.*`, and
 * import-file-errors.ts `import.fileError.*`). Two closed lists, kept apart: the reasons the server
 * itself ends a run for (below), and the importer's reasons about the file (domain/file-error-codes.ts).
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

/** Every code a failed run's `errorCode` may hold; the two lists share no code (checked below). */
export const RUN_FAILURE_CODES = [...FILE_ERROR_CODES, ...RUN_ERROR_CODES] as const;
const _disjoint: [RunErrorCode & FileErrorCode] extends [never] ? true : never = true;

/** A run the server ends for one of its own reasons. */
export function runError(code: RunErrorCode): RunError {
  return { message: RUN_ERRORS[code], code, params: {} };
}

/** A run the importer refused the file of: its message as the user knows the file, and its code if any. */
export function importerRunError(error: Error, message: string): RunError {
  const coded = fileErrorOf(error);
  return { message, code: coded?.code ?? null, params: coded?.params ?? {} };
}

/** A stored code as the API shows it: one this version knows, or null. */
export function knownRunErrorCode(code: string | null): RunErrorCode | FileErrorCode | null {
  if (code === null) return null;
  return Object.hasOwn(RUN_ERRORS, code) || isFileErrorCode(code)
    ? (code as RunErrorCode | FileErrorCode)
    : null;
}
