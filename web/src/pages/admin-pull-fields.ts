import type { MessageKey } from "../i18n/en.ts";

/**
 * The pull settings the API accepts per kind (src/ingest/sources/zendesk.ts zendeskSettings and
 * chatwoot.ts chatwootSettings, both strict), as form fields: typed text in, the settings object
 * out, or the fields that do not fit with why. The API checks them again; this only says it sooner
 * and in the reader's language.
 */
export type PullKind = "zendesk" | "chatwoot";
export type PullField =
  | "subdomain"
  | "base_url"
  | "email"
  | "account_id"
  | "requests_per_minute"
  | "page_size"
  | "start_time";

type Check =
  | { type: "text"; pattern: RegExp; error: MessageKey }
  | { type: "whole"; min: number; max: number };

const URL_CHECK: Check = { type: "text", pattern: /^https?:\/\/[^\s/]+\S*$/i, error: "admin.pull.error.url" };
const CHECKS: Record<PullField, Check> = {
  subdomain: { type: "text", pattern: /^[a-z0-9][a-z0-9-]{0,62}$/i, error: "admin.pull.error.subdomain" },
  base_url: URL_CHECK,
  email: { type: "text", pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, error: "admin.pull.error.email" },
  account_id: { type: "whole", min: 1, max: Number.MAX_SAFE_INTEGER },
  requests_per_minute: { type: "whole", min: 1, max: 6000 },
  page_size: { type: "whole", min: 1, max: 1000 },
  start_time: {
    type: "text",
    pattern: /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/,
    error: "admin.pull.error.time",
  },
};

export const PULL_FIELDS: Record<PullKind, readonly PullField[]> = {
  zendesk: ["subdomain", "base_url", "email", "requests_per_minute", "page_size", "start_time"],
  chatwoot: ["base_url", "account_id", "requests_per_minute"],
};

export function isPullKind(kind: string): kind is PullKind {
  return kind === "zendesk" || kind === "chatwoot";
}

/** Why a field was refused, as a message key and its values. */
export interface FieldProblem {
  key: MessageKey;
  values?: Record<string, string | number>;
}

/** The saved settings as the form's text. */
export function settingsText(kind: PullKind, settings: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    PULL_FIELDS[kind].map((f) => [
      f,
      settings[f] === undefined || settings[f] === null ? "" : String(settings[f]),
    ]),
  );
}

/** The form's text → the settings to PATCH (empty fields left out), or the fields that do not fit. */
export function readPullSettings(
  kind: PullKind,
  text: Record<string, string>,
): { settings: Record<string, string | number> } | { problems: Map<PullField, FieldProblem> } {
  const settings: Record<string, string | number> = {};
  const problems = new Map<PullField, FieldProblem>();
  for (const field of PULL_FIELDS[kind]) {
    const value = (text[field] ?? "").trim();
    if (value === "") continue;
    const check = CHECKS[field];
    if (check.type === "whole") {
      const n = /^\d+$/.test(value.replace(/[\s\u00a0\u202f]/g, ""))
        ? Number(value.replace(/\D/g, ""))
        : Number.NaN;
      if (Number.isSafeInteger(n) && n >= check.min && n <= check.max) settings[field] = n;
      else if (check.max === Number.MAX_SAFE_INTEGER)
        problems.set(field, { key: "admin.pull.error.positive" });
      else problems.set(field, { key: "admin.pull.error.whole", values: { min: check.min, max: check.max } });
    } else if (check.pattern.test(value)) settings[field] = value;
    else problems.set(field, { key: check.error });
  }
  if (kind === "zendesk" && settings.subdomain !== undefined && settings.base_url !== undefined) {
    problems.set("base_url", { key: "admin.pull.error.both" });
  }
  return problems.size > 0 ? { problems } : { settings };
}
