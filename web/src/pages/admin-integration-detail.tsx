import { useEffect, useRef, useState } from "react";
import { api } from "../api.ts";
import { Await, Empty } from "../components/status.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";
import { FormFailure, useAdminForm } from "./admin-form.tsx";
import type { Integration } from "./admin-integration-form.tsx";
import { outcomeText } from "./admin-integration-outcome.ts";
import { type Detail, PullSection } from "./admin-integration-pull.tsx";
import { useDateTime, useReloadable } from "./admin-page.tsx";
import { isPullKind, type PullKind } from "./admin-pull-fields.ts";

/**
 * Below the Integrations table: one integration's newest deliveries (the vendor's delivery id, the
 * event, when, and what came of it) and a form to replace its signing secret (never shown).
 */
export function IntegrationDetailPanel({
  integration,
  onSecretReplaced,
  onChanged,
}: {
  integration: Integration;
  onSecretReplaced: () => Promise<void>;
  /** After a change made here (pull settings saved, a pull ended): reload the table, show the notice. */
  onChanged: (notice: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const detail = useReloadable<Detail>(`/integrations/${encodeURIComponent(integration.id)}`);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card admin-form" aria-labelledby="admin-integ-detail-title">
      <h2 id="admin-integ-detail-title" ref={heading} tabIndex={-1}>
        {t(isPullKind(integration.kind) ? "admin.pull.detailTitle" : "admin.integ.detailTitle", {
          name: integration.name,
        })}
      </h2>
      {isPullKind(integration.kind) ? (
        <Await loaded={detail}>
          {(data) => (
            <PullSection
              kind={integration.kind as PullKind}
              integration={integration}
              detail={data}
              reload={detail.reload}
              onChanged={onChanged}
            />
          )}
        </Await>
      ) : null}
      {isPullKind(integration.kind) ? <h3>{t("admin.pull.deliveriesTitle")}</h3> : null}
      <Await loaded={detail}>
        {(data) =>
          data.deliveries.length === 0 ? (
            <Empty>{t("admin.integ.noDeliveries")}</Empty>
          ) : (
            <ul className="admin-deliveries">
              {data.deliveries.map((d) => (
                <li key={d.delivery_id}>
                  {t("admin.integ.delivery", {
                    at: dateTime(d.received_at, true),
                    event: d.event,
                    id: d.delivery_id,
                    outcome: outcomeText(t, d),
                  })}
                </li>
              ))}
            </ul>
          )
        }
      </Await>
      <SecretForm integration={integration} onDone={onSecretReplaced} />
    </section>
  );
}

function SecretForm({ integration, onDone }: { integration: Integration; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const { saving, error, bad, onSubmit } = useAdminForm();
  const [secret, setSecret] = useState("");

  const submit = onSubmit(async () => {
    await api(`/integrations/${encodeURIComponent(integration.id)}`, {
      method: "PATCH",
      body: { secret: secret.trim() },
    });
    setSecret("");
    await onDone();
  });

  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t("admin.integ.replaceSecret")}>
      <div className="field">
        <label htmlFor="admin-integ-new-secret">{t("admin.integ.newSecret")}</label>
        <input
          id="admin-integ-new-secret"
          type="password"
          autoComplete="off"
          required
          maxLength={500}
          value={secret}
          aria-invalid={bad.has("secret") || undefined}
          aria-describedby={isPullKind(integration.kind) ? "admin-integ-new-secret-hint" : undefined}
          onChange={(e) => setSecret(e.target.value)}
        />
        {isPullKind(integration.kind) ? (
          <span id="admin-integ-new-secret-hint" className="small muted">
            {t("admin.pull.secretHint")}
          </span>
        ) : null}
      </div>
      <FormFailure error={error} />
      <div className="admin-actions">
        <button type="submit" className="button" disabled={saving}>
          {saving ? t("admin.saving") : t("admin.integ.replaceSecret")}
        </button>
      </div>
    </form>
  );
}
