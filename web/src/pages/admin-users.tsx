import { useRef, useState } from "react";
import { api } from "../api.ts";
import type { Role } from "../api-types.ts";
import { Await } from "../components/status.tsx";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useRowAction } from "./admin-confirm.tsx";
import { FormFailure, useAdminForm } from "./admin-form.tsx";
import { type AdminUser, teamList, useDateTime, useReloadable } from "./admin-page.tsx";
import { AdminTable } from "./admin-table.tsx";
import { roleName } from "./sign-in-page.tsx";

const ROLES: readonly Role[] = ["admin", "analyst", "manager", "agent", "viewer"];
/** The server's rule (src/auth/secrets.ts MIN_PASSWORD_LENGTH); the API checks it again. */
const MIN_PASSWORD = 12;

/** What was just done, kept as a key so that it follows a change of language. */
type Notice = { key: "admin.users.added" | "admin.users.saved" | "admin.users.removed"; email: string };

type Editing = { mode: "none" } | { mode: "add" } | { mode: "edit"; user: AdminUser };

/** The accounts: a table, a form to add one, an editor for role, teams and agent id, removal with confirmation. */
export function UsersPanel({ me }: { me: string }) {
  const { t } = useI18n();
  const loaded = useReloadable<{ items: AdminUser[] }>("/users");
  const [editing, setEditing] = useState<Editing>({ mode: "none" });
  const [notice, setNotice] = useState<Notice | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const done = async (message: Notice) => {
    await loaded.reload();
    setEditing({ mode: "none" });
    setNotice(message);
  };

  return (
    <>
      <div className="admin-toolbar">
        <button
          ref={addButton}
          type="button"
          className="button button-primary"
          aria-expanded={editing.mode === "add"}
          onClick={() => {
            setNotice(null);
            setEditing(editing.mode === "add" ? { mode: "none" } : { mode: "add" });
          }}
        >
          {t("admin.users.add")}
        </button>
      </div>
      <p className="admin-notice" role="status" aria-live="polite">
        {notice ? t(notice.key, { email: notice.email }) : ""}
      </p>
      {editing.mode !== "none" ? (
        <UserForm
          key={editing.mode === "edit" ? editing.user.email : "new"}
          user={editing.mode === "edit" ? editing.user : null}
          onCancel={() => {
            setEditing({ mode: "none" });
            addButton.current?.focus();
          }}
          onDone={done}
        />
      ) : null}
      <Await loaded={loaded}>
        {(data) => (
          <UserTable
            users={data.items}
            me={me}
            onEdit={(user) => {
              setNotice(null);
              setEditing({ mode: "edit", user });
            }}
            onRemoved={(email) => done({ key: "admin.users.removed", email })}
          />
        )}
      </Await>
    </>
  );
}

function UserTable({
  users,
  me,
  onEdit,
  onRemoved,
}: {
  users: AdminUser[];
  me: string;
  onEdit: (user: AdminUser) => void;
  onRemoved: (email: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const [confirming, setConfirming] = useState<string | null>(null);
  const action = useRowAction();

  return (
    <AdminTable
      caption={t("admin.users.caption", { count: users.length })}
      empty={t("admin.users.empty")}
      rows={users}
      rowKey={(u) => u.email}
      failure={action.failure}
      rowHeader={{
        header: t("admin.users.email"),
        cell: (u) => (
          <>
            {u.email}
            {u.email === me ? <span className="badge badge-info">{t("admin.users.you")}</span> : null}
          </>
        ),
      }}
      columns={[
        { header: t("admin.users.role"), cell: (u) => roleName(t, u.role) },
        {
          header: t("admin.users.teams"),
          cell: (u) => (u.teams.length > 0 ? u.teams.join(", ") : t("admin.users.none")),
        },
        { header: t("admin.users.agent"), cell: (u) => u.agent ?? t("admin.users.none") },
        { header: t("admin.users.source"), cell: (u) => t(`admin.users.source.${u.source}` as MessageKey) },
        { header: t("admin.users.created"), className: "nowrap", cell: (u) => dateTime(u.created_at) },
      ]}
      actionsHeader={{ text: t("admin.users.actions"), visible: true }}
      confirm={{
        row: confirming,
        question: (u) => t("admin.users.confirmRemove", { email: u.email }),
        yes: t("admin.users.confirmYes"),
        busy: action.busy,
        onYes: (u) =>
          void action.run(
            () => api(`/users/${encodeURIComponent(u.email)}`, { method: "DELETE" }),
            async () => {
              await onRemoved(u.email);
              setConfirming(null);
            },
          ),
        onNo: () => setConfirming(null),
      }}
      actions={(u) => (
        <span className="admin-actions">
          <button
            type="button"
            className="button button-small"
            aria-label={t("admin.users.editLabel", { email: u.email })}
            onClick={() => onEdit(u)}
          >
            {t("admin.users.edit")}
          </button>
          {u.email !== me ? (
            <button
              type="button"
              className="button button-small button-danger"
              aria-label={t("admin.users.removeLabel", { email: u.email })}
              onClick={() => {
                action.clear();
                setConfirming(u.email);
              }}
            >
              {t("admin.users.remove")}
            </button>
          ) : null}
        </span>
      )}
    />
  );
}

/** Adds an account (user null) or edits one's role, teams and agent id. */
function UserForm({
  user,
  onCancel,
  onDone,
}: {
  user: AdminUser | null;
  onCancel: () => void;
  onDone: (message: Notice) => Promise<void>;
}) {
  const { t } = useI18n();
  const { saving, error, bad, heading, onSubmit } = useAdminForm();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(user?.role ?? "viewer");
  const [teams, setTeams] = useState(user?.teams.join(", ") ?? "");
  const [agent, setAgent] = useState(user?.agent ?? "");
  const [password, setPassword] = useState("");
  const sso = user?.source === "oidc";
  const id = user ? "admin-edit" : "admin-add";

  const submit = onSubmit(async () => {
    if (user) {
      const change = sso
        ? { agent: agent.trim() || null }
        : { role, teams: teamList(teams), agent: agent.trim() || null };
      await api(`/users/${encodeURIComponent(user.email)}`, { method: "PATCH", body: change });
      await onDone({ key: "admin.users.saved", email: user.email });
    } else {
      const created = await api<AdminUser>("/users", {
        method: "POST",
        body: {
          email,
          role,
          teams: teamList(teams),
          ...(agent.trim() ? { agent: agent.trim() } : {}),
          password,
        },
      });
      await onDone({ key: "admin.users.added", email: created.email });
    }
  });

  return (
    <form className="card admin-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {user ? t("admin.users.editTitle", { email: user.email }) : t("admin.users.addTitle")}
      </h2>
      {sso ? <p className="muted small">{t("admin.users.ssoNote")}</p> : null}
      <div className="admin-fields">
        {user ? null : (
          <div className="field">
            <label htmlFor={`${id}-email`}>{t("admin.users.email")}</label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="off"
              required
              value={email}
              aria-invalid={bad.has("email") || undefined}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-role`}>{t("admin.users.role")}</label>
          <select
            id={`${id}-role`}
            value={role}
            disabled={sso}
            aria-invalid={bad.has("role") || undefined}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleName(t, r)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-teams`}>{t("admin.users.teams")}</label>
          <input
            id={`${id}-teams`}
            value={teams}
            disabled={sso}
            aria-describedby={`${id}-teams-hint`}
            aria-invalid={bad.has("teams") || undefined}
            onChange={(e) => setTeams(e.target.value)}
          />
          <span id={`${id}-teams-hint`} className="small muted">
            {t("admin.users.teamsHint")}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-agent`}>{t("admin.users.agent")}</label>
          <input
            id={`${id}-agent`}
            value={agent}
            aria-describedby={`${id}-agent-hint`}
            aria-invalid={bad.has("agent") || undefined}
            onChange={(e) => setAgent(e.target.value)}
          />
          <span id={`${id}-agent-hint`} className="small muted">
            {t("admin.users.agentHint")}
          </span>
        </div>
        {user ? null : (
          <div className="field">
            <label htmlFor={`${id}-password`}>{t("admin.users.password")}</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD}
              value={password}
              aria-describedby={`${id}-password-hint`}
              aria-invalid={bad.has("password") || undefined}
              onChange={(e) => setPassword(e.target.value)}
            />
            <span id={`${id}-password-hint`} className="small muted">
              {t("admin.users.passwordHint", { min: MIN_PASSWORD })}
            </span>
          </div>
        )}
      </div>
      <FormFailure error={error} />
      <div className="admin-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t("admin.saving") : t("admin.save")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("admin.cancel")}
        </button>
      </div>
    </form>
  );
}
