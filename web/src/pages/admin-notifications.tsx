import type { z } from "@hono/zod-openapi";
import { useRef, useState } from "react";
import type { DeliveryLog, NotificationStatus, WebhookBody } from "../../../src/server/webhook-schemas.ts";
import { api } from "../api.ts";
import { Await, Empty } from "../components/status.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useRowAction } from "./admin-confirm.tsx";
import { useDateTime, useReloadable } from "./admin-page.tsx";
import { AdminTable, SwitchAndDelete } from "./admin-table.tsx";
import { type CreatedHook, CreatedSecret, WebhookForm } from "./admin-webhook-form.tsx";
import "./admin-notifications.css";

type Hook = z.input<typeof WebhookBody>;
type Status = z.input<typeof NotificationStatus>;
type Deliveries = z.input<typeof DeliveryLog>;

/** /admin?tab=notifications: whether e-mail is on, the webhooks, a form to add one (its secret shown once), deliveries. */
export function NotificationsPanel() {
  const { t } = useI18n();
  const status = useReloadable<Status>("/notifications");
  const hooks = useReloadable<{ items: Hook[] }>("/webhooks");
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<CreatedHook | null>(null);
  const [notice, setNotice] = useState("");
  const addButton = useRef<HTMLButtonElement>(null);

  return (
    <>
      <p className="muted">{t("admin.notify.intro")}</p>
      <Await loaded={status}>
        {(s) => (
          <div className="card admin-form">
            <h2>{t("admin.notify.email")}</h2>
            <p>
              {s.email.enabled
                ? t("admin.notify.emailOn", { from: s.email.from ?? "" })
                : t("admin.notify.emailOff", { reason: s.email.reason ?? "" })}
            </p>
            <p className="small muted">
              {t("admin.notify.links", { url: s.public_url })} ·{" "}
              {t("admin.notify.waiting", { count: s.outbox.events_waiting })}
            </p>
          </div>
        )}
      </Await>
      <div className="admin-toolbar">
        <h2>{t("admin.notify.webhooks")}</h2>
        <button
          ref={addButton}
          type="button"
          className="button button-primary"
          aria-expanded={adding}
          onClick={() => {
            setNotice("");
            setCreated(null);
            setAdding(!adding);
          }}
        >
          {t("admin.notify.add")}
        </button>
      </div>
      <p className="admin-notice" role="status" aria-live="polite">
        {notice}
      </p>
      {created ? (
        <CreatedSecret
          hook={created}
          onDone={() => {
            setCreated(null);
            addButton.current?.focus();
          }}
        />
      ) : null}
      {adding ? (
        <WebhookForm
          onCancel={() => {
            setAdding(false);
            addButton.current?.focus();
          }}
          onCreated={async (hook) => {
            await Promise.all([hooks.reload(), status.reload()]);
            setAdding(false);
            setCreated(hook);
          }}
        />
      ) : null}
      <Await loaded={hooks}>
        {(data) => (
          <WebhookTable
            hooks={data.items}
            onChanged={async (message) => {
              await hooks.reload();
              setNotice(message);
            }}
          />
        )}
      </Await>
    </>
  );
}

function WebhookTable({ hooks, onChanged }: { hooks: Hook[]; onChanged: (notice: string) => Promise<void> }) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [showing, setShowing] = useState<Hook | null>(null);
  const action = useRowAction();
  const run = (call: () => Promise<unknown>, notice: string) =>
    action.run(call, async () => {
      setConfirming(null);
      await onChanged(notice);
    });

  return (
    <>
      <AdminTable
        caption={t("admin.notify.caption", { count: hooks.length })}
        empty={t("admin.notify.empty")}
        rows={hooks}
        rowKey={(h) => h.id}
        inactive={(h) => !h.enabled}
        failure={action.failure}
        rowHeader={{
          header: t("admin.notify.url"),
          className: "admin-url",
          cell: (h) => (
            <>
              {h.url}
              {h.description ? <span className="small muted"> — {h.description}</span> : null}
            </>
          ),
        }}
        columns={[
          { header: t("admin.notify.events"), cell: (h) => h.events.join(", ") },
          {
            header: t("admin.notify.status"),
            cell: (h) =>
              h.enabled
                ? t("admin.notify.on")
                : h.disabled_reason
                  ? t("admin.notify.offBecause", { reason: h.disabled_reason })
                  : t("admin.notify.off"),
          },
          { header: t("admin.tokens.created"), className: "nowrap", cell: (h) => dateTime(h.created_at) },
        ]}
        confirm={{
          row: confirming,
          question: (h) => t("admin.notify.confirmDelete", { url: h.url }),
          yes: t("admin.notify.confirmYes"),
          busy: action.busy,
          onYes: (h) =>
            void run(
              () => api(`/webhooks/${encodeURIComponent(h.id)}`, { method: "DELETE" }),
              t("admin.notify.deleted"),
            ),
          onNo: () => setConfirming(null),
        }}
        actions={(h) => (
          <SwitchAndDelete
            enabled={h.enabled}
            text={{
              switchOn: t("admin.notify.switchOn"),
              switchOff: t("admin.notify.switchOff"),
              switchLabel: t(h.enabled ? "admin.notify.switchOffLabel" : "admin.notify.switchOnLabel", {
                url: h.url,
              }),
              delete: t("admin.notify.delete"),
              deleteLabel: t("admin.notify.deleteLabel", { url: h.url }),
            }}
            onSwitch={() =>
              void run(
                () =>
                  api(`/webhooks/${encodeURIComponent(h.id)}`, {
                    method: "PATCH",
                    body: { enabled: !h.enabled },
                  }),
                t("admin.notify.changed"),
              )
            }
            onDelete={() => setConfirming(h.id)}
          >
            <button
              type="button"
              className="button button-small"
              aria-label={t("admin.notify.deliveriesLabel", { url: h.url })}
              aria-expanded={showing?.id === h.id}
              onClick={() => setShowing(showing?.id === h.id ? null : h)}
            >
              {t("admin.notify.showDeliveries")}
            </button>
          </SwitchAndDelete>
        )}
      />
      {showing ? <DeliveryList hook={showing} /> : null}
    </>
  );
}

function DeliveryList({ hook }: { hook: Hook }) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const log = useReloadable<Deliveries>(`/webhooks/${encodeURIComponent(hook.id)}/deliveries?limit=20`);
  return (
    <section className="card admin-form" aria-labelledby="admin-deliveries-title">
      <h2 id="admin-deliveries-title">{t("admin.notify.deliveriesTitle", { url: hook.url })}</h2>
      <Await loaded={log}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t("admin.notify.noDeliveries")}</Empty>
          ) : (
            <ul className="admin-deliveries">
              {data.items.map((d) => (
                <li key={d.id}>
                  {t("admin.notify.delivery", { type: d.event_type, status: d.status, attempts: d.attempts })}
                  {d.next_attempt_at
                    ? `, ${t("admin.notify.next", { at: dateTime(d.next_attempt_at, true) })}`
                    : ""}
                  <ul>
                    {d.log.map((a) => (
                      <li key={a.attempt} className="small">
                        {t("admin.notify.attempt", {
                          n: a.attempt,
                          at: dateTime(a.at, true),
                          result: a.error ?? String(a.status_code ?? ""),
                          ms: a.duration_ms,
                        })}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </section>
  );
}
