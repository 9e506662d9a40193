import type { z } from "@hono/zod-openapi";
import { useState } from "react";
import type { IntegrationBody } from "../../../src/server/integration-schemas.ts";
import { api } from "../api.ts";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { FormFailure, useAdminForm } from "./admin-form.tsx";

/** The Integrations tab's form to add a source: its kind, name, signing secret and field mapping. */

export type Integration = z.input<typeof IntegrationBody>;
const KINDS = ["formbricks", "chatwoot", "webhook", "zendesk"] as const;
type Kind = (typeof KINDS)[number];
const FORMBRICKS_FIELDS = ["nps", "csat", "ces", "comment", "team", "channel"] as const;
const CHATWOOT_FIELDS = ["team", "channel"] as const;

export function IntegrationForm({
  onCancel,
  onCreated,
}: {
  onCancel: () => void;
  onCreated: (created: Integration) => Promise<void>;
}) {
  const { t } = useI18n();
  const { saving, error, bad, heading, onSubmit } = useAdminForm();
  const [kind, setKind] = useState<Kind>("formbricks");
  const [name, setName] = useState("");
  const [secret, setSecret] = useState("");
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [allowUnsigned, setAllowUnsigned] = useState(false);
  const fields = kind === "formbricks" ? FORMBRICKS_FIELDS : kind === "chatwoot" ? CHATWOOT_FIELDS : [];

  const submit = onSubmit(async () => {
    const chosen = Object.fromEntries(
      fields.map((f) => [f, mapping[f]?.trim() ?? ""] as const).filter(([, v]) => v !== ""),
    );
    const created = await api<Integration>("/integrations", {
      method: "POST",
      body: {
        kind,
        name: name.trim(),
        ...(secret.trim() ? { secret: secret.trim() } : {}),
        mapping: chosen,
        settings: kind === "formbricks" && allowUnsigned ? { allow_unsigned: true } : {},
      },
    });
    await onCreated(created);
  });

  return (
    <form className="card admin-form" onSubmit={(e) => void submit(e)} aria-labelledby="admin-integ-title">
      <h2 id="admin-integ-title" ref={heading} tabIndex={-1}>
        {t("admin.integ.addTitle")}
      </h2>
      <div className="admin-fields">
        <div className="field">
          <label htmlFor="admin-integ-kind">{t("admin.integ.kind")}</label>
          <select id="admin-integ-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`admin.integ.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="admin-integ-name">{t("admin.integ.name")}</label>
          <input
            id="admin-integ-name"
            required
            maxLength={200}
            value={name}
            aria-invalid={bad.has("name") || undefined}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="admin-integ-secret">{t("admin.integ.secret")}</label>
          <input
            id="admin-integ-secret"
            type="password"
            autoComplete="off"
            maxLength={500}
            value={secret}
            aria-describedby="admin-integ-secret-help"
            aria-invalid={bad.has("secret") || undefined}
            onChange={(e) => setSecret(e.target.value)}
          />
          <p id="admin-integ-secret-help" className="small muted">
            {t("admin.integ.secretHelp")}
          </p>
        </div>
        {fields.length > 0 ? (
          <fieldset className="field">
            <legend>{t("admin.integ.mappingHelp")}</legend>
            {fields.map((f) => (
              <div className="field" key={f}>
                <label htmlFor={`admin-integ-map-${f}`}>{t(`admin.integ.${f}` as MessageKey)}</label>
                <input
                  id={`admin-integ-map-${f}`}
                  maxLength={200}
                  value={mapping[f] ?? ""}
                  aria-invalid={bad.has(`mapping.${f}`) || bad.has("mapping") || undefined}
                  onChange={(e) => setMapping({ ...mapping, [f]: e.target.value })}
                />
              </div>
            ))}
          </fieldset>
        ) : null}
        {kind === "formbricks" ? (
          <label className="admin-check">
            <input
              type="checkbox"
              checked={allowUnsigned}
              onChange={(e) => setAllowUnsigned(e.target.checked)}
            />{" "}
            {t("admin.integ.allowUnsigned")}
          </label>
        ) : null}
      </div>
      <FormFailure error={error} />
      <div className="admin-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t("admin.saving") : t("admin.integ.add")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("admin.cancel")}
        </button>
      </div>
    </form>
  );
}
