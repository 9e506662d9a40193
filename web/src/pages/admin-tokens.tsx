import { useEffect, useRef, useState } from "react";
import { api } from "../api.ts";
import { Await } from "../components/status.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useRowAction } from "./admin-confirm.tsx";
import { FormFailure, useAdminForm } from "./admin-form.tsx";
import {
  type AdminToken,
  type AdminUser,
  type NewApiToken,
  useDateTime,
  useReloadable,
} from "./admin-page.tsx";
import { AdminTable } from "./admin-table.tsx";

/** API tokens: everyone's, a form to create one (its secret shown once, with a copy button), revocation. */
export function TokensPanel() {
  const { t } = useI18n();
  const tokens = useReloadable<{ items: AdminToken[] }>("/tokens");
  const users = useReloadable<{ items: AdminUser[] }>("/users");
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const [revoked, setRevoked] = useState(false);
  const createButton = useRef<HTMLButtonElement>(null);

  return (
    <>
      <p className="muted">{t("admin.tokens.intro")}</p>
      <div className="admin-toolbar">
        <button
          ref={createButton}
          type="button"
          className="button button-primary"
          aria-expanded={creating}
          onClick={() => {
            setRevoked(false);
            setCreated(null);
            setCreating(!creating);
          }}
        >
          {t("admin.tokens.create")}
        </button>
      </div>
      <p className="admin-notice" role="status" aria-live="polite">
        {revoked ? t("admin.tokens.revokedNote") : ""}
      </p>
      {created ? (
        <CreatedTokenBox
          token={created}
          onDone={() => {
            setCreated(null);
            createButton.current?.focus();
          }}
        />
      ) : null}
      {creating ? (
        <TokenForm
          users={users.state === "done" ? users.data.items.map((u) => u.email) : []}
          onCancel={() => {
            setCreating(false);
            createButton.current?.focus();
          }}
          onCreated={async (token) => {
            await tokens.reload();
            setCreating(false);
            setCreated(token);
          }}
        />
      ) : null}
      <Await loaded={tokens}>
        {(data) => (
          <TokenTable
            tokens={data.items}
            onRevoked={async () => {
              await tokens.reload();
              setRevoked(true);
            }}
          />
        )}
      </Await>
    </>
  );
}

function TokenTable({ tokens, onRevoked }: { tokens: AdminToken[]; onRevoked: () => Promise<void> }) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const [confirming, setConfirming] = useState<string | null>(null);
  const action = useRowAction();
  const now = new Date().toISOString();
  const name = (tok: AdminToken) => tok.name ?? t("admin.tokens.unnamed");
  const expired = (tok: AdminToken) => tok.expires_at !== null && tok.expires_at <= now;
  const active = (tok: AdminToken) => tok.revoked_at === null && !expired(tok);

  return (
    <AdminTable
      caption={t("admin.tokens.caption", { count: tokens.length })}
      empty={t("admin.tokens.empty")}
      rows={tokens}
      rowKey={(tok) => tok.id}
      inactive={(tok) => !active(tok)}
      failure={action.failure}
      rowHeader={{ header: t("admin.tokens.name"), cell: name }}
      columns={[
        { header: t("admin.tokens.user"), cell: (tok) => tok.user },
        { header: t("admin.tokens.created"), className: "nowrap", cell: (tok) => dateTime(tok.created_at) },
        {
          header: t("admin.tokens.expires"),
          className: "nowrap",
          cell: (tok) => (tok.expires_at ? dateTime(tok.expires_at) : t("admin.tokens.never")),
        },
        {
          header: t("admin.tokens.status"),
          cell: (tok) =>
            tok.revoked_at
              ? t("admin.tokens.revoked", { date: dateTime(tok.revoked_at) })
              : expired(tok)
                ? t("admin.tokens.expired")
                : t("admin.tokens.active"),
        },
      ]}
      confirm={{
        row: confirming,
        question: (tok) => t("admin.tokens.confirmRevoke", { name: name(tok), user: tok.user }),
        yes: t("admin.tokens.confirmYes"),
        busy: action.busy,
        onYes: (tok) =>
          void action.run(
            () => api(`/tokens/${encodeURIComponent(tok.id)}`, { method: "DELETE" }),
            async () => {
              await onRevoked();
              setConfirming(null);
            },
          ),
        onNo: () => setConfirming(null),
      }}
      actions={(tok) =>
        active(tok) ? (
          <button
            type="button"
            className="button button-small button-danger"
            aria-label={t("admin.tokens.revokeLabel", { name: name(tok), user: tok.user })}
            onClick={() => {
              action.clear();
              setConfirming(tok.id);
            }}
          >
            {t("admin.tokens.revoke")}
          </button>
        ) : null
      }
    />
  );
}

function TokenForm({
  users,
  onCancel,
  onCreated,
}: {
  users: string[];
  onCancel: () => void;
  onCreated: (token: NewApiToken) => Promise<void>;
}) {
  const { t } = useI18n();
  const { saving, error, bad, heading, onSubmit } = useAdminForm();
  const [user, setUser] = useState(users[0] ?? "");
  const [name, setName] = useState("");
  const [days, setDays] = useState("");
  useEffect(() => {
    if (!user && users[0]) setUser(users[0]);
  }, [user, users]);

  const submit = onSubmit(async () => {
    const created = await api<NewApiToken>("/tokens", {
      method: "POST",
      body: {
        user,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(days.trim() ? { expires_days: Number(days) } : {}),
      },
    });
    await onCreated(created);
  });

  return (
    <form className="card admin-form" onSubmit={(e) => void submit(e)} aria-labelledby="admin-token-title">
      <h2 id="admin-token-title" ref={heading} tabIndex={-1}>
        {t("admin.tokens.createTitle")}
      </h2>
      <div className="admin-fields">
        <div className="field">
          <label htmlFor="admin-token-user">{t("admin.tokens.user")}</label>
          <select
            id="admin-token-user"
            value={user}
            required
            aria-invalid={bad.has("user") || undefined}
            onChange={(e) => setUser(e.target.value)}
          >
            {users.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="admin-token-name">{t("admin.tokens.name")}</label>
          <input
            id="admin-token-name"
            value={name}
            maxLength={200}
            aria-describedby="admin-token-name-hint"
            aria-invalid={bad.has("name") || undefined}
            onChange={(e) => setName(e.target.value)}
          />
          <span id="admin-token-name-hint" className="small muted">
            {t("admin.tokens.nameHint")}
          </span>
        </div>
        <div className="field">
          <label htmlFor="admin-token-days">{t("admin.tokens.expiresDays")}</label>
          <input
            id="admin-token-days"
            type="number"
            min={1}
            max={3650}
            step={1}
            inputMode="numeric"
            value={days}
            aria-describedby="admin-token-days-hint"
            aria-invalid={bad.has("expires_days") || undefined}
            onChange={(e) => setDays(e.target.value)}
          />
          <span id="admin-token-days-hint" className="small muted">
            {t("admin.tokens.expiresHint")}
          </span>
        </div>
      </div>
      <FormFailure error={error} />
      <div className="admin-actions">
        <button type="submit" className="button button-primary" disabled={saving || !user}>
          {saving ? t("admin.saving") : t("admin.tokens.create")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("admin.cancel")}
        </button>
      </div>
    </form>
  );
}

/** The new token's secret, this once: a warning, the value, and a copy button. */
function CreatedTokenBox({ token, onDone }: { token: NewApiToken; onDone: () => void }) {
  const { t } = useI18n();
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const heading = useRef<HTMLHeadingElement>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const copyToken = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopy("copied");
    } catch {
      field.current?.select();
      setCopy("failed");
    }
  };

  return (
    <section className="card admin-secret" aria-labelledby="admin-secret-title">
      <h2 id="admin-secret-title" ref={heading} tabIndex={-1}>
        {t("admin.tokens.createdTitle", { user: token.user })}
      </h2>
      <p className="admin-warning">{t("admin.tokens.once")}</p>
      <div className="field">
        <label htmlFor="admin-secret-value">{t("admin.tokens.secret")}</label>
        <div className="admin-secret-row">
          <input
            id="admin-secret-value"
            ref={field}
            className="admin-secret-value"
            readOnly
            value={token.token}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="button" onClick={() => void copyToken()}>
            {t("admin.tokens.copy")}
          </button>
        </div>
      </div>
      <p className="small" role="status" aria-live="polite">
        {copy === "copied" ? t("admin.tokens.copied") : copy === "failed" ? t("admin.tokens.copyFailed") : ""}
      </p>
      <button type="button" className="button button-primary" onClick={onDone}>
        {t("admin.tokens.done")}
      </button>
    </section>
  );
}
