import type { z } from "@hono/zod-openapi";
import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from "react";
import type { CreatedToken, TokenBody, UserBody } from "../../../src/server/user-admin-schemas.ts";
import type { AuditEntry as StoredAuditEntry } from "../../../src/store/access-repository.ts";
import { ApiError, api } from "../api.ts";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useQuery } from "../router.ts";
import { useMe } from "../session.ts";
import type { Loaded } from "../use-api.ts";
import { AuditPanel } from "./admin-audit.tsx";
import { IntegrationsPanel } from "./admin-integrations.tsx";
import { NotificationsPanel } from "./admin-notifications.tsx";
import { TokensPanel } from "./admin-tokens.tsx";
import { UsersPanel } from "./admin-users.tsx";
import "./admin-page.css";

/** The answers of the user, token and audit routes, as the browser receives them. */
export type AdminUser = z.input<typeof UserBody>;
export type AdminToken = z.input<typeof TokenBody>;
export type NewApiToken = z.input<typeof CreatedToken>;
export type AuditEntry = StoredAuditEntry;

const TABS = ["users", "tokens", "audit", "notifications", "integrations"] as const;
type Tab = (typeof TABS)[number];

/** /admin: users, API tokens and the audit log, for admins (the API refuses everyone else). */
export function AdminPage() {
  const { t } = useI18n();
  const me = useMe();
  const [query, setQuery] = useQuery();
  const asked = query.get("tab");
  const tab: Tab = (TABS as readonly string[]).includes(asked ?? "") ? (asked as Tab) : "users";
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());

  const choose = (next: Tab, focus = false) => {
    setQuery({ tab: next === "users" ? null : next }, { replace: true });
    if (focus) tabRefs.current.get(next)?.focus();
  };
  // Arrow keys move between the tabs, Home and End to the first and last (WAI-ARIA tabs pattern).
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.indexOf(tab);
    const next =
      event.key === "ArrowRight"
        ? TABS[(i + 1) % TABS.length]
        : event.key === "ArrowLeft"
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : event.key === "Home"
            ? TABS[0]
            : event.key === "End"
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    choose(next, true);
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("admin.title")}</h1>
          <p className="muted">{t("admin.intro")}</p>
        </div>
      </div>
      {me?.role !== "admin" ? (
        <p className="status status-error">{t("admin.notAllowed")}</p>
      ) : (
        <>
          <div className="admin-tabs" role="tablist" aria-label={t("admin.sections")} onKeyDown={onKeyDown}>
            {TABS.map((id) => (
              <button
                key={id}
                ref={(el) => {
                  if (el) tabRefs.current.set(id, el);
                }}
                type="button"
                role="tab"
                id={`admin-tab-${id}`}
                aria-selected={tab === id}
                aria-controls={`admin-panel-${id}`}
                tabIndex={tab === id ? 0 : -1}
                className="admin-tab"
                onClick={() => choose(id)}
              >
                {t(`admin.tab.${id}` as MessageKey)}
              </button>
            ))}
          </div>
          <section
            className="admin-panel"
            role="tabpanel"
            id={`admin-panel-${tab}`}
            aria-labelledby={`admin-tab-${tab}`}
          >
            {tab === "users" ? <UsersPanel me={me.email} /> : null}
            {tab === "tokens" ? <TokensPanel /> : null}
            {tab === "audit" ? <AuditPanel /> : null}
            {tab === "notifications" ? <NotificationsPanel /> : null}
            {tab === "integrations" ? <IntegrationsPanel /> : null}
          </section>
        </>
      )}
    </>
  );
}

/**
 * GETs a path, with a reload for after a change (useApi only retries after an error). The reload's
 * promise settles once the new answer is shown, so a notice of the change comes with it.
 */
export function useReloadable<T>(path: string): Loaded<T> & { reload: () => Promise<void> } {
  const [result, setResult] = useState<Loaded<T>>({ state: "loading" });
  const latest = useRef(0);
  const load = useCallback(
    async (signal?: AbortSignal) => {
      const request = ++latest.current;
      try {
        const data = await api<T>(path, signal ? { signal } : {});
        if (request === latest.current) setResult({ state: "done", data });
      } catch (error) {
        if (signal?.aborted || request !== latest.current) return;
        setResult({
          state: "error",
          error: error instanceof Error ? error : new Error(String(error)),
          retry: () => void load(),
        });
      }
    },
    [path],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);
  const reload = useCallback(() => load(), [load]);
  return { ...result, reload };
}

/** The API fields a refused write named (details.problems), to mark those inputs invalid. */
export function badFields(error: unknown): Set<string> {
  const problems =
    error instanceof ApiError ? (error.details as { problems?: { field?: string }[] })?.problems : [];
  return new Set((problems ?? []).map((p) => p.field ?? "").filter(Boolean));
}

/** Date and time in the current language, in the organisation's time zone. */
export function useDateTime(): (iso: string | null, withSeconds?: boolean) => string {
  const { locale } = useI18n();
  return (iso, withSeconds = false) => {
    if (!iso) return "–";
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return new Intl.DateTimeFormat(locale, {
      dateStyle: "short",
      timeStyle: withSeconds ? "medium" : "short",
      timeZone: "Europe/Helsinki",
    }).format(d);
  };
}

/** A list of team names typed as "a, b, c". */
export function teamList(text: string): string[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
