import { type MouseEvent, useEffect, useState } from "react";
import { api, endSessionRequests, onSignedOut, setCsrfToken } from "./api.ts";
import type { Me, Session } from "./api-types.ts";
import { Loading } from "./components/status.tsx";
import { useI18n } from "./i18n/i18n-context.tsx";
import { NotFoundPage } from "./pages/placeholder-page.tsx";
import { roleName, SignInPage } from "./pages/sign-in-page.tsx";
import { PAGES, pageFor } from "./pages.tsx";
import { navigate, useLocation } from "./router.ts";
import { SessionContext } from "./session.ts";

/** Query parameters that follow the user from page to page: the shared filters and the language. */
const KEPT = ["from", "to", "period", "team", "channel", "lang"];

type SignedIn = { state: "checking" } | { state: "out"; expired: boolean } | { state: "in"; me: Me };

export function App() {
  const { t } = useI18n();
  const url = useLocation();
  const [session, setSession] = useState<SignedIn>({ state: "checking" });
  const [singleSignOn, setSingleSignOn] = useState(false);

  useEffect(() => {
    // Public, so that a signed-out visitor costs no 401 (and no console error) on every load.
    api<Session>("/auth/session").then(
      ({ user, singleSignOn }) => {
        setSingleSignOn(singleSignOn);
        setCsrfToken(user?.csrfToken);
        setSession(user ? { state: "in", me: user } : { state: "out", expired: false });
      },
      () => setSession({ state: "out", expired: false }),
    );
    return onSignedOut(() => setSession({ state: "out", expired: true }));
  }, []);

  const page = pageFor(url.pathname);
  const title = session.state === "in" ? (page ? t(page.title) : t("notFound.title")) : t("signIn.title");
  useEffect(() => {
    document.title = `${title} · Kohtaamo`;
  }, [title]);

  const signOut = async () => {
    // The page's requests still loading are dropped first: their answers would come back 401. The page
    // goes too (the loading indicator meanwhile), so that it starts none after them: a page whose code
    // was still loading would otherwise render now, and its requests meet the ended session.
    endSessionRequests();
    setSession({ state: "checking" });
    await api("/auth/logout", { method: "POST" }).catch(() => undefined);
    setCsrfToken(null);
    setSession({ state: "out", expired: false });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t("skip.toContent")}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <a className="brand" href="/" onClick={follow}>
            <span className="brand-mark" aria-hidden="true">
              K
            </span>
            <span className="brand-name">{t("app.name")}</span>
            <span className="brand-tagline">{t("app.tagline")}</span>
          </a>
          <div className="topbar-tools">
            <LanguageSwitch />
            {session.state === "in" ? (
              <>
                <span className="user" title={session.me.email}>
                  <span className="visually-hidden">
                    {t("user.signedInAs", { email: session.me.email, role: roleName(t, session.me.role) })}
                  </span>
                  <span aria-hidden="true">
                    {session.me.email} · {roleName(t, session.me.role)}
                  </span>
                </span>
                <button type="button" className="button button-ghost" onClick={() => void signOut()}>
                  {t("user.signOut")}
                </button>
              </>
            ) : null}
          </div>
        </div>
        {session.state === "in" ? (
          <nav className="nav" aria-label={t("nav.label")}>
            <ul>
              {PAGES.filter((p) => !p.roles || p.roles.includes(session.me.role)).map((p) => (
                <li key={p.path}>
                  <a
                    href={withKeptQuery(p.path)}
                    aria-current={page === p ? "page" : undefined}
                    onClick={follow}
                    // The page's code is fetched on the way to the click (pointer over, or keyboard focus):
                    // usually in by the click, so the page renders at once instead of suspending.
                    onMouseEnter={p.preload}
                    onFocus={p.preload}
                  >
                    {t(p.title)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {session.state === "checking" ? <Loading /> : null}
        {session.state === "out" ? (
          <SignInPage
            expired={session.expired}
            singleSignOn={singleSignOn}
            onSignedIn={(me) => setSession({ state: "in", me })}
          />
        ) : null}
        {session.state === "in" ? (
          <SessionContext.Provider value={session.me}>
            {page ? page.render() : <NotFoundPage />}
          </SessionContext.Provider>
        ) : null}
      </main>
    </>
  );
}

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  const other = lang === "fi" ? "en" : "fi";
  return (
    <button
      type="button"
      className="button button-ghost lang-switch"
      lang={other}
      aria-label={`${t("lang.label")}: ${t("lang.switchTo")}`}
      onClick={() => setLang(other)}
    >
      {t("lang.switchTo")}
    </button>
  );
}

function withKeptQuery(path: string): string {
  const current = new URLSearchParams(location.search);
  const kept = new URLSearchParams();
  for (const key of KEPT) {
    const v = current.get(key);
    if (v) kept.set(key, v);
  }
  const q = kept.toString();
  return q ? `${path}?${q}` : path;
}

/** In-app links move without reloading; a modified click (new tab) is left to the browser. */
function follow(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  const href = event.currentTarget.getAttribute("href") ?? "/";
  navigate(href === "/" ? withKeptQuery("/") : href);
  document.getElementById("main")?.focus();
}
