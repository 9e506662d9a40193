import type { ProblemCode, ProblemParams } from "./problem-codes.ts";

/**
 * The one closed list of error codes. The server maps each to an HTTP status in one place
 * (src/server/error-handler.ts); the CLI maps them to exit codes.
 */
export const ERROR_CODES = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  unreadable_input: 400,
  internal: 500,
  /** A service the request needs (the job queue) did not answer; trying again later may work. */
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class KohtaamoError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "KohtaamoError";
  }
}

/**
 * A problem with one field of one input row: what the user needs to fix it. The importer's
 * problems also carry the reason's stable code and parameters (problem-codes.ts) for a UI to word.
 */
export interface FieldProblem {
  field: string;
  reason: string;
  code?: ProblemCode;
  params?: ProblemParams;
}

/** A rejected input row: where it was and why. `line` is 1-based in the source file. */
export interface RowRejection {
  line: number;
  id?: string;
  problems: FieldProblem[];
}
