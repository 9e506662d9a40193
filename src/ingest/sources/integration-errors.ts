import { KohtaamoError } from "../../domain/index.ts";
import type { ErrorParams, NotedError } from "../../store/integration-repository.ts";
import { VendorApiError } from "./vendor-api-client.ts";

/**
 * The closed list of an integration's last-error codes (GET /integrations/{id} `last_error_code`,
 * its parameters in `last_error_params`), for the admin page to word in its language; `last_error`
 * keeps the English text. Parameters name the vendor, a path, an HTTP status or a field, never
 * payload text.
 * - pull.setting_missing {field}; pull.setting_invalid {field, reason}; pull.token_missing {field}
 *   (the secret has no API token); pull.switched_off
 * - pull.vendor_unreachable {vendor, path}; pull.vendor_auth {vendor, status, path};
 *   pull.vendor_status {vendor, status, path}; pull.vendor_rate_limited {vendor, status, path, retry_after};
 *   pull.vendor_not_json {vendor, path}; pull.vendor_shape {vendor, what, at}
 * - pull.failed {message}: not ours to word (a bug or the database), its text as it was
 * - hook.signature {reason}; hook.not_json; hook.invalid {event, fields}; hook.failed {event}
 */
export const INTEGRATION_ERROR_CODES = [
  "pull.setting_missing",
  "pull.setting_invalid",
  "pull.token_missing",
  "pull.switched_off",
  "pull.vendor_unreachable",
  "pull.vendor_auth",
  "pull.vendor_status",
  "pull.vendor_rate_limited",
  "pull.vendor_not_json",
  "pull.vendor_shape",
  "pull.failed",
  "hook.signature",
  "hook.not_json",
  "hook.invalid",
  "hook.failed",
] as const;
export type IntegrationErrorCode = (typeof INTEGRATION_ERROR_CODES)[number];

/** A stored code as the API shows it: one of the list, or null (a code this version does not know). */
export function knownErrorCode(code: string | null): IntegrationErrorCode | null {
  return (INTEGRATION_ERROR_CODES as readonly (string | null)[]).includes(code)
    ? (code as IntegrationErrorCode)
    : null;
}

/** A coded error an integration's code throws (the vendor client, a vendor answer's shape). */
export interface CodedError {
  code: IntegrationErrorCode;
  params: ErrorParams;
}

/**
 * Details of a KohtaamoError that carry a code of this list (pullProblem's, parseVendor's); a 400
 * answer carries them too, for the page that started the pull.
 */
export function codedDetails(
  code: IntegrationErrorCode,
  params: ErrorParams,
): { integration_error: CodedError } {
  return { integration_error: { code, params } };
}

/** A failed pull's error as stored: "pull: <its text>", its code and parameters. */
export function pullError(error: unknown): NotedError {
  const message = error instanceof Error ? error.message : String(error);
  return { text: `pull: ${message}`, ...pullErrorCode(error, message) };
}

function pullErrorCode(error: unknown, message: string): CodedError {
  if (error instanceof VendorApiError) return { code: error.code, params: error.params };
  if (error instanceof KohtaamoError) {
    const coded = (error.details as { integration_error?: CodedError } | undefined)?.integration_error;
    if (coded) return coded;
    if (error.code === "forbidden") return { code: "pull.switched_off", params: {} };
    const problem = (error.details as { problems?: { field: string; reason: string }[] } | undefined)
      ?.problems?.[0];
    if (error.code === "bad_request" && problem) {
      return { code: "pull.setting_invalid", params: { field: problem.field, reason: problem.reason } };
    }
  }
  return { code: "pull.failed", params: { message: message.slice(0, 300) } };
}
