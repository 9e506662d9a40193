import { ApiError } from "../api.ts";
import type { ImportRunResult } from "../api-types.ts";
import { en, type MessageKey } from "../i18n/en.ts";
import type { I18n } from "../i18n/i18n-context.tsx";
import { innerReason } from "./import-reasons.ts";

/**
 * Why a file cannot be imported, in the page's language: the importer's refusal worded from its code
 * and parameters (src/domain/file-error-codes.ts), wherever it comes (an error answer's `details`, a
 * preview's `problemCode`, a failed run's `errorCode`). A code this page does not know (a newer
 * server) and an error without one keep the server's English.
 */
export interface CodedError {
  message: string;
  code?: string | null | undefined;
  params?: Readonly<Record<string, string>> | null | undefined;
}

type Words = Pick<I18n, "t" | "num">;

function known(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Parameters worded by a group of the dictionaries: the record kind (the page's own words) and the format. */
const WORDED: readonly [string, (value: string) => string][] = [
  ["kind", (value) => `import.kind.${value}`],
  ["format", (value) => `import.fileFormat.${value}`],
];
/** Numbers written in the language's style, with their decimals. */
const NUMBERS: Readonly<Record<string, number>> = { percent: 0, size: 1, max: 0 };

/** A file error's text: worded from its code when this page knows it, else its English message. */
export function fileErrorText(i18n: Words, error: CodedError): string {
  const key = `import.fileError.${error.code}`;
  if (!known(key)) return error.message;
  const params = error.params ?? {};
  const values: Record<string, string> = { ...params };
  for (const [name, wordKey] of WORDED) {
    const value = params[name];
    const word = value === undefined ? "" : wordKey(value);
    if (known(word)) values[name] = i18n.t(word);
  }
  for (const [name, digits] of Object.entries(NUMBERS)) {
    const value = Number(params[name]);
    if (params[name] !== undefined && Number.isFinite(value)) values[name] = i18n.num(value, digits);
  }
  // A reason that quotes a value's own (a speaker's role): worded from its code.
  if (params.inner !== undefined) {
    const inner = innerReason(i18n, params);
    if (inner === "") return error.message;
    values.inner = inner;
  }
  return i18n.t(key, values);
}

/** An error of an API call in the page's language: a file error worded from its code, else its message. */
export function apiErrorText(i18n: Words, error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const details = error instanceof ApiError ? (error.details as Partial<CodedError> | undefined) : undefined;
  return fileErrorText(i18n, {
    message: error.message,
    code: typeof details?.code === "string" ? details.code : null,
    params: details?.params ?? null,
  });
}

/** Why a run failed: the server's own reasons (`import.runError.*`) or the importer's about the file. */
export function runErrorText(i18n: Words, run: ImportRunResult): string {
  const serverReason = `import.runError.${run.errorCode}`;
  if (known(serverReason)) return i18n.t(serverReason);
  return fileErrorText(i18n, { message: run.error ?? "", code: run.errorCode, params: run.errorParams });
}
