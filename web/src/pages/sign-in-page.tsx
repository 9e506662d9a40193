import { type FormEvent, useState } from "react";
import { ApiError, api, setCsrfToken } from "../api.ts";
import type { DemoAccounts, Me, Role } from "../api-types.ts";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useApi } from "../use-api.ts";

/**
 * Sign-in: one click per role while the demo workspace's accounts exist, otherwise e-mail and
 * password, and single sign-on when the server has it. Every way ends in the normal login.
 */
export function SignInPage(props: { onSignedIn(me: Me): void; expired: boolean; singleSignOn: boolean }) {
  const { onSignedIn, expired, singleSignOn } = props;
  const { t } = useI18n();
  const demo = useApi<DemoAccounts>("/auth/demo-accounts");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const signIn = async (email: string, password: string) => {
    setBusy(true);
    setError(null);
    try {
      const me = await api<Me>("/auth/login", {
        method: "POST",
        body: { email, password },
        quietUnauthenticated: true,
      });
      setCsrfToken(me.csrfToken);
      onSignedIn(me);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 429
          ? t("signIn.throttled")
          : e instanceof ApiError && e.status === 401
            ? t("signIn.failed")
            : t("state.error", { message: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void signIn(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
  };
  const accounts = demo.state === "done" && demo.data.password ? demo.data.accounts : [];
  const password = demo.state === "done" ? demo.data.password : null;

  return (
    <div className="sign-in">
      <div className="sign-in-card card">
        <h1>{t("signIn.title")}</h1>
        <p className="muted">{t("signIn.intro")}</p>
        {expired ? <p className="status status-error">{t("state.signedOut")}</p> : null}
        {accounts.length > 0 && password ? (
          <section className="demo-accounts" aria-labelledby="demo-title">
            <h2 id="demo-title">{t("signIn.demoTitle")}</h2>
            <p className="small muted">{t("signIn.demoIntro")}</p>
            <ul>
              {accounts.map((a) => (
                <li key={a.email}>
                  <button
                    type="button"
                    className="button demo-button"
                    data-role={a.role}
                    disabled={busy}
                    onClick={() => void signIn(a.email, password)}
                  >
                    <span>{t("signIn.demoAs", { role: roleName(t, a.role) })}</span>
                    <span className="small muted">{a.email}</span>
                  </button>
                </li>
              ))}
            </ul>
            <p className="divider">
              <span>{t("signIn.or")}</span>
            </p>
          </section>
        ) : null}
        <form onSubmit={submit} className="sign-in-form">
          <div className="field">
            <label htmlFor="sign-in-email">{t("signIn.email")}</label>
            <input id="sign-in-email" name="email" type="email" autoComplete="username" required />
          </div>
          <div className="field">
            <label htmlFor="sign-in-password">{t("signIn.password")}</label>
            <input
              id="sign-in-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
            />
          </div>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t("signIn.busy") : t("signIn.submit")}
          </button>
          {singleSignOn ? (
            <a className="button button-secondary" href="/api/v1/auth/oidc/login">
              {t("signIn.sso")}
            </a>
          ) : null}
        </form>
        <p className="sign-in-error" role="alert">
          {error}
        </p>
      </div>
    </div>
  );
}

export function roleName(t: (key: MessageKey) => string, role: Role): string {
  return t(`role.${role}` as MessageKey);
}
