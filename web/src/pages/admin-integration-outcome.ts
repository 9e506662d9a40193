import type { MessageKey } from "../i18n/en.ts";
import type { Translate } from "../i18n/i18n-context.tsx";
import { integrationPullEn } from "../i18n/pages/integration-pull.ts";
import type { Integration } from "./admin-integration-form.tsx";

/**
 * What came of a delivery or pull, and an integration's last error, in the page's language: from
 * the counts per stream and the error code the API keeps beside its English text (`outcome`,
 * `last_error`), and an ignored delivery's reason code, which are shown only when there is nothing
 * structured (rows from before, a code this page does not know).
 */
type Counts = Record<string, { new: number; updated: number; unchanged: number; rejected: number }>;

/** Whether the page has a message under `key` (a stream's, a setting's or an error code's). */
function known(key: string): key is MessageKey {
  return Object.hasOwn(integrationPullEn, key);
}

/** A stream's human name: a pull's vendor listing (as its cursor is named) or a webhook's record kind. */
export function streamName(t: Translate, stream: string): string {
  const key = `admin.pull.stream.${stream}`;
  return known(key) ? t(key) : stream;
}

/** A setting's label ("settings.base_url" → "API address"), or the field as given. */
export function fieldLabel(t: Translate, field: string): string {
  const key = `admin.pull.field.${field.replace(/^settings\./, "")}`;
  return known(key) ? t(key) : field;
}

/** "Keskustelut: uusia 4, päivitettyjä 0, ennallaan 0; CSAT-vastaukset: uusia 3, …". */
export function countsText(t: Translate, counts: Counts): string {
  return Object.entries(counts)
    .map(([stream, c]) => {
      const text = t("admin.pull.counts", {
        stream: streamName(t, stream),
        new: c.new,
        updated: c.updated,
        unchanged: c.unchanged,
      });
      return c.rejected > 0 ? t("admin.pull.countsRejected", { counts: text, rejected: c.rejected }) : text;
    })
    .join("; ");
}

/**
 * A delivery's outcome: its counts in words when it has them, an ignored one's reason by its code,
 * else the stored text.
 */
export function outcomeText(
  t: Translate,
  d: {
    outcome: string;
    counts?: Counts | null;
    code?: string | null;
    params?: Record<string, string> | null;
  },
): string {
  if (d.counts && Object.keys(d.counts).length > 0) return countsText(t, d.counts);
  const key = `admin.pull.ignored.${d.code}`;
  if (d.code && known(key)) return t("admin.pull.ignored", { reason: t(key, d.params ?? {}) });
  return d.outcome;
}

/**
 * The last error in words: its code's message with its parameters (a setting named by its label),
 * or the stored text (without the "pull:" prefix for a pull's) when it has no code this page knows.
 */
export function errorText(
  t: Translate,
  i: Pick<Integration, "last_error" | "last_error_code" | "last_error_params">,
): string {
  const key = `admin.pull.error.code.${i.last_error_code}`;
  if (!i.last_error_code || !known(key)) return (i.last_error ?? "").replace(/^pull:\s*/, "");
  const params = { ...(i.last_error_params ?? {}) };
  if (typeof params.field === "string") params.field = fieldLabel(t, params.field);
  return t(key, params);
}

/** The last error as the Integrations table shows it: a pull's marked as such ("Haku: …"). */
export function lastErrorText(
  t: Translate,
  i: Pick<Integration, "last_error" | "last_error_code" | "last_error_params">,
): string {
  const text = errorText(t, i);
  return i.last_error?.startsWith("pull:") ? t("admin.pull.errorOfPull", { error: text }) : text;
}
