import type { z } from "@hono/zod-openapi";
import { useEffect, useRef, useState } from "react";
import type { NOTIFICATION_EVENT_TYPES } from "../../../src/domain/notification-events.ts";
import type { CreatedWebhook } from "../../../src/server/webhook-schemas.ts";
import { api } from "../api.ts";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { FormFailure, useAdminForm } from "./admin-form.tsx";

/** The Notifications tab's form to add a webhook, and the box that shows its secret once. */

export type CreatedHook = z.input<typeof CreatedWebhook>;
type EventType = (typeof NOTIFICATION_EVENT_TYPES)[number];
const EVENTS: readonly EventType[] = [
  "case.opened",
  "case.updated",
  "record.stored",
  "record.analysed",
  "alert.theme_emerging",
];

export function WebhookForm({
  onCancel,
  onCreated,
}: {
  onCancel: () => void;
  onCreated: (hook: CreatedHook) => Promise<void>;
}) {
  const { t } = useI18n();
  const { saving, error, bad, heading, onSubmit } = useAdminForm();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<EventType[]>(["case.opened"]);
  const [description, setDescription] = useState("");

  const submit = onSubmit(async () => {
    const created = await api<CreatedHook>("/webhooks", {
      method: "POST",
      body: { url: url.trim(), events, ...(description.trim() ? { description: description.trim() } : {}) },
    });
    await onCreated(created);
  });

  return (
    <form className="card admin-form" onSubmit={(e) => void submit(e)} aria-labelledby="admin-webhook-title">
      <h2 id="admin-webhook-title" ref={heading} tabIndex={-1}>
        {t("admin.notify.addTitle")}
      </h2>
      <div className="admin-fields">
        <div className="field">
          <label htmlFor="admin-webhook-url">{t("admin.notify.url")}</label>
          <input
            id="admin-webhook-url"
            type="url"
            required
            maxLength={2000}
            value={url}
            aria-invalid={bad.has("url") || undefined}
            onChange={(e) => setUrl(e.target.value)}
          />
        </div>
        <fieldset className="field">
          <legend>{t("admin.notify.events")}</legend>
          {EVENTS.map((type) => (
            <label key={type} className="admin-check">
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={(e) =>
                  setEvents(e.target.checked ? [...events, type] : events.filter((x) => x !== type))
                }
              />{" "}
              {t(`admin.notify.event.${type}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="admin-webhook-description">{t("admin.notify.description")}</label>
          <input
            id="admin-webhook-description"
            maxLength={500}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
      </div>
      <FormFailure error={error} />
      <div className="admin-actions">
        <button type="submit" className="button button-primary" disabled={saving || events.length === 0}>
          {saving ? t("admin.saving") : t("admin.notify.add")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("admin.cancel")}
        </button>
      </div>
    </form>
  );
}

/** The new webhook's signing secret, this once. */
export function CreatedSecret({ hook, onDone }: { hook: CreatedHook; onDone: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card admin-secret" aria-labelledby="admin-webhook-secret-title">
      <h2 id="admin-webhook-secret-title" ref={heading} tabIndex={-1}>
        {t("admin.notify.createdTitle")}
      </h2>
      <p className="admin-warning">{t("admin.notify.once")}</p>
      <div className="field">
        <label htmlFor="admin-webhook-secret">{t("admin.notify.secret")}</label>
        <input
          id="admin-webhook-secret"
          className="admin-secret-value"
          readOnly
          value={hook.secret}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
      <button type="button" className="button button-primary" onClick={onDone}>
        {t("admin.tokens.done")}
      </button>
    </section>
  );
}
