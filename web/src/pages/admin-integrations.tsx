import { useRef, useState } from "react";
import { api } from "../api.ts";
import { Await } from "../components/status.tsx";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useRowAction } from "./admin-confirm.tsx";
import { IntegrationDetailPanel } from "./admin-integration-detail.tsx";
import { type Integration, IntegrationForm } from "./admin-integration-form.tsx";
import { lastErrorText } from "./admin-integration-outcome.ts";
import { useDateTime, useReloadable } from "./admin-page.tsx";
import { isPullKind } from "./admin-pull-fields.ts";
import { AdminTable, SwitchAndDelete } from "./admin-table.tsx";
import "./admin-notifications.css";

/**
 * /admin?tab=integrations: inbound sources (Formbricks, Chatwoot, …) with the URL to give each
 * vendor, their last delivery and last error, a form to add one, switching on and off, deleting.
 */
export function IntegrationsPanel() {
  const { t } = useI18n();
  const list = useReloadable<{ items: Integration[] }>("/integrations");
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState("");
  const addButton = useRef<HTMLButtonElement>(null);

  return (
    <>
      <p className="muted">{t("admin.integ.intro")}</p>
      <div className="admin-toolbar">
        <button
          ref={addButton}
          type="button"
          className="button button-primary"
          aria-expanded={adding}
          onClick={() => {
            setNotice("");
            setAdding(!adding);
          }}
        >
          {t("admin.integ.add")}
        </button>
      </div>
      <p className="admin-notice" role="status" aria-live="polite">
        {notice}
      </p>
      {adding ? (
        <IntegrationForm
          onCancel={() => {
            setAdding(false);
            addButton.current?.focus();
          }}
          onCreated={async (created) => {
            await list.reload();
            setAdding(false);
            setNotice(
              t("admin.integ.created", { name: created.name, url: created.inbound_url ?? created.url }),
            );
            addButton.current?.focus();
          }}
        />
      ) : null}
      <Await loaded={list}>
        {(data) => (
          <IntegrationTable
            items={data.items}
            onChanged={async (message) => {
              await list.reload();
              setNotice(message);
            }}
          />
        )}
      </Await>
    </>
  );
}

function IntegrationTable({
  items,
  onChanged,
}: {
  items: Integration[];
  onChanged: (notice: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [showing, setShowing] = useState<string | null>(null);
  const action = useRowAction();
  const run = (call: () => Promise<unknown>, notice: string) =>
    action.run(call, async () => {
      setConfirming(null);
      await onChanged(notice);
    });

  return (
    <>
      <AdminTable
        caption={t("admin.integ.caption", { count: items.length })}
        empty={t("admin.integ.empty")}
        rows={items}
        rowKey={(i) => i.id}
        inactive={(i) => !i.enabled}
        failure={action.failure}
        rowHeader={{
          header: t("admin.integ.name"),
          cell: (i) => (
            <>
              {i.name}
              <span className="small muted"> — {t(`admin.integ.kind.${i.kind}` as MessageKey)}</span>
            </>
          ),
        }}
        columns={[
          {
            header: t("admin.integ.url"),
            className: "admin-url",
            cell: (i) => <code>{i.inbound_url ?? i.url}</code>,
          },
          {
            header: t("admin.integ.status"),
            cell: (i) => (
              <>
                {i.enabled ? t("admin.integ.on") : t("admin.integ.off")}
                {i.has_secret ? null : <span className="small muted"> — {t("admin.integ.noSecret")}</span>}
              </>
            ),
          },
          {
            header: t("admin.integ.lastDelivery"),
            className: "nowrap",
            cell: (i) => (i.last_delivery_at ? dateTime(i.last_delivery_at) : t("admin.integ.never")),
          },
          {
            header: t("admin.integ.lastError"),
            className: "admin-url",
            cell: (i) =>
              i.last_error ? (
                <>
                  <span className="nowrap">{dateTime(i.last_error_at ?? null)}</span> {lastErrorText(t, i)}
                </>
              ) : (
                t("admin.integ.none")
              ),
          },
        ]}
        confirm={{
          row: confirming,
          question: (i) => t("admin.integ.confirmDelete", { name: i.name }),
          yes: t("admin.integ.confirmYes"),
          busy: action.busy,
          onYes: (i) =>
            void run(
              () => api(`/integrations/${encodeURIComponent(i.id)}`, { method: "DELETE" }),
              t("admin.integ.deleted"),
            ),
          onNo: () => setConfirming(null),
        }}
        actions={(i) => (
          <SwitchAndDelete
            enabled={i.enabled}
            text={{
              switchOn: t("admin.integ.switchOn"),
              switchOff: t("admin.integ.switchOff"),
              switchLabel: t(i.enabled ? "admin.integ.switchOffLabel" : "admin.integ.switchOnLabel", {
                name: i.name,
              }),
              delete: t("admin.integ.delete"),
              deleteLabel: t("admin.integ.deleteLabel", { name: i.name }),
            }}
            onSwitch={() =>
              void run(
                () =>
                  api(`/integrations/${encodeURIComponent(i.id)}`, {
                    method: "PATCH",
                    body: { enabled: !i.enabled },
                  }),
                t("admin.integ.changed"),
              )
            }
            onDelete={() => setConfirming(i.id)}
          >
            <button
              type="button"
              className="button button-small"
              aria-label={t(isPullKind(i.kind) ? "admin.pull.detailsLabel" : "admin.integ.detailsLabel", {
                name: i.name,
              })}
              aria-expanded={showing === i.id}
              onClick={() => setShowing(showing === i.id ? null : i.id)}
            >
              {isPullKind(i.kind) ? t("admin.pull.details") : t("admin.integ.details")}
            </button>
          </SwitchAndDelete>
        )}
      />
      {items
        .filter((i) => i.id === showing)
        .map((i) => (
          <IntegrationDetailPanel
            key={i.id}
            integration={i}
            onSecretReplaced={() => onChanged(t("admin.integ.secretReplaced", { name: i.name }))}
            onChanged={onChanged}
          />
        ))}
    </>
  );
}
