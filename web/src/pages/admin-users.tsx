import { useRef, useState } from "react";
import { api } from "../api.ts";
import type { Role } from "../api-types.ts";
import { Await, Empty } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { ConfirmInRow } from "./admin-confirm.tsx";
import { FormFailure, useAdminForm } from "./admin-form.tsx";
import { type AdminUser, teamList, useDateTime, useReloadable } from "./admin-page.tsx";
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
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t("admin.users.empty")}</Empty>
          ) : (
            <UserTable
              users={data.items}
              me={me}
              onEdit={(user) => {
                setNotice(null);
                setEditing({ mode: "edit", user });
              }}
              onRemoved={(email) => done({ key: "admin.users.removed", email })}
            />
          )
        }
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
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async (email: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await api(`/users/${encodeURIComponent(email)}`, { method: "DELETE" });
      await onRemoved(email);
      setConfirming(null);
    } catch (error) {
      setFailure(t("admin.failed", { message: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {failure ? (
        <p className="status status-error" role="alert">
          {failure}
        </p>
      ) : null}
      <TableScroll label={t("admin.users.caption", { count: users.length })}>
        <table className="table admin-table">
          <caption>{t("admin.users.caption", { count: users.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.users.email")}</th>
              <th scope="col">{t("admin.users.role")}</th>
              <th scope="col">{t("admin.users.teams")}</th>
              <th scope="col">{t("admin.users.agent")}</th>
              <th scope="col">{t("admin.users.source")}</th>
              <th scope="col">{t("admin.users.created")}</th>
              <th scope="col">{t("admin.users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.email}>
                <th scope="row">
                  {u.email}
                  {u.email === me ? <span className="badge badge-info">{t("admin.users.you")}</span> : null}
                </th>
                <td>{roleName(t, u.role)}</td>
                <td>{u.teams.length > 0 ? u.teams.join(", ") : t("admin.users.none")}</td>
                <td>{u.agent ?? t("admin.users.none")}</td>
                <td>{t(`admin.users.source.${u.source}` as MessageKey)}</td>
                <td className="nowrap">{dateTime(u.created_at)}</td>
                <td>
                  {confirming === u.email ? (
                    <ConfirmInRow
                      question={t("admin.users.confirmRemove", { email: u.email })}
                      yes={t("admin.users.confirmYes")}
                      busy={busy}
                      onYes={() => void remove(u.email)}
                      onNo={() => setConfirming(null)}
                    />
                  ) : (
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
                            setFailure(null);
                            setConfirming(u.email);
                          }}
                        >
                          {t("admin.users.remove")}
                        </button>
                      ) : null}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
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
