import { type FormEvent, useId, useState } from "react";
import { ApiError, api } from "../api.ts";
import { FieldError } from "../components/status.tsx";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import type { Integration } from "./admin-integration-form.tsx";
import {
  type FieldProblem,
  PULL_FIELDS,
  type PullField,
  type PullKind,
  readPullSettings,
  settingsText,
} from "./admin-pull-fields.ts";

const HINTS: Partial<Record<PullField, MessageKey>> = {
  subdomain: "admin.pull.field.subdomainHint",
  email: "admin.pull.field.emailHint",
  account_id: "admin.pull.field.account_idHint",
  requests_per_minute: "admin.pull.field.requests_per_minuteHint",
  page_size: "admin.pull.field.page_sizeHint",
  start_time: "admin.pull.field.start_timeHint",
};
const INPUT_TYPES: Partial<Record<PullField, string>> = { base_url: "url", email: "email" };
const NUMERIC: readonly PullField[] = ["account_id", "requests_per_minute", "page_size"];

/**
 * The pull settings of a Zendesk or Chatwoot integration (PATCH settings): each field checked
 * here first and by the API again, a refusal shown beside the field it names, in the reader's
 * language. `refusedField` marks the field a refused pull named ("settings.account_id").
 */
export function PullSettingsForm({
  kind,
  integration,
  refusedField,
  onSaved,
}: {
  kind: PullKind;
  integration: Integration;
  refusedField: string | null;
  onSaved: () => Promise<void>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(() => settingsText(kind, integration.settings));
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [saving, setSaving] = useState(false);
  const label = (f: PullField) => t(`admin.pull.field.${f}` as MessageKey);
  const say = (p: FieldProblem) => t(p.key, p.values);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const read = readPullSettings(kind, text);
    if ("problems" in read) {
      setProblems(
        new Map(
          [...read.problems].map(([f, p]) => [
            f,
            t("admin.pull.error.is", { field: label(f), reason: say(p) }),
          ]),
        ),
      );
      return;
    }
    setSaving(true);
    setProblems(new Map());
    try {
      await api(`/integrations/${encodeURIComponent(integration.id)}`, {
        method: "PATCH",
        body: { settings: read.settings },
      });
      await onSaved();
    } catch (error) {
      const listed =
        error instanceof ApiError
          ? ((error.details as { problems?: { field?: string; reason?: string }[] } | undefined)?.problems ??
            [])
          : [];
      const found = new Map<string, string>();
      for (const p of listed) {
        const f = (p.field ?? "").replace(/^settings\./, "");
        const known = (PULL_FIELDS[kind] as readonly string[]).includes(f);
        found.set(
          known ? f : "",
          t("admin.pull.error.is", {
            field: known ? label(f as PullField) : (p.field ?? ""),
            reason: p.reason ?? "",
          }),
        );
      }
      if (found.size === 0) found.set("", t("admin.failed", { message: (error as Error).message }));
      setProblems(found);
    } finally {
      setSaving(false);
    }
  };

  const fields = PULL_FIELDS[kind];
  const invalid = fields.filter((f) => problems.has(f));
  return (
    <form
      className="admin-pull-settings"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h4 id={`${id}-title`}>{t("admin.pull.settingsTitle")}</h4>
      <p className="small muted">{t("admin.pull.settingsHint")}</p>
      {invalid.length > 0 ? (
        <p className="status status-error" role="alert">
          {t("admin.pull.invalid", { fields: invalid.map(label).join(", ") })}
        </p>
      ) : null}
      {problems.has("") ? (
        <p className="status status-error" role="alert">
          {problems.get("")}
        </p>
      ) : null}
      <div className="admin-fields">
        {fields.map((f) => {
          const error = problems.get(f);
          const hint =
            f === "base_url"
              ? kind === "zendesk"
                ? "admin.pull.field.base_urlHintZendesk"
                : "admin.pull.field.base_urlHintChatwoot"
              : HINTS[f];
          const describedBy = [hint ? `${id}-${f}-hint` : "", error ? `${id}-${f}-error` : ""]
            .filter(Boolean)
            .join(" ");
          return (
            <div className="field" key={f}>
              <label htmlFor={`${id}-${f}`}>{label(f)}</label>
              <input
                id={`${id}-${f}`}
                type={INPUT_TYPES[f] ?? "text"}
                inputMode={NUMERIC.includes(f) ? "numeric" : undefined}
                autoComplete="off"
                value={text[f] ?? ""}
                aria-invalid={error || refusedField === `settings.${f}` ? true : undefined}
                aria-describedby={describedBy || undefined}
                onChange={(e) => setText({ ...text, [f]: e.target.value })}
              />
              {hint ? (
                <span id={`${id}-${f}-hint`} className="small muted">
                  {t(hint)}
                </span>
              ) : null}
              <FieldError id={`${id}-${f}-error`} text={error} field={f} />
            </div>
          );
        })}
      </div>
      <button type="submit" className="button" disabled={saving}>
        {saving ? t("admin.saving") : t("admin.pull.save")}
      </button>
    </form>
  );
}
