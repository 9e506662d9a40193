import { type FormEvent, useEffect, useState } from "react";
import { api, query } from "../api.ts";
import { Empty, ErrorState, Loading } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import type { MessageKey } from "../i18n/en.ts";
import { en } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { type AuditEntry, useDateTime } from "./admin-page.tsx";

const PAGE = 50;
const ACTION_PREFIX = "admin.audit.action.";
/** The actions the server writes, as the dictionary names them (an unknown one shows as its code). */
const ACTIONS = Object.keys(en)
  .filter((k) => k.startsWith(ACTION_PREFIX))
  .map((k) => k.slice(ACTION_PREFIX.length));

interface AuditFilter {
  action: string;
  actor: string;
  /** yyyy-mm-dd from the date inputs; both days are included. */
  from: string;
  to: string;
}
const NO_FILTER: AuditFilter = { action: "", actor: "", from: "", to: "" };

/** The query of a filter: the API's `to` is the first instant excluded, so the chosen last day becomes the next. */
function filterParams(f: AuditFilter): Record<"action" | "actor" | "from" | "to", string | null> {
  const next = (day: string) => {
    const [y, m, d] = day.split("-").map(Number);
    return y && m && d ? new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10) : null;
  };
  return {
    action: f.action || null,
    actor: f.actor.trim() || null,
    from: f.from || null,
    to: f.to ? next(f.to) : null,
  };
}

type Pages =
  | { state: "loading" }
  | { state: "error"; error: Error }
  | { state: "done"; items: AuditEntry[]; more: boolean; loadingMore: boolean; moreError: Error | null };

/** The audit log, newest first: filter by action, page back to older entries, download what is shown as CSV. */
export function AuditPanel() {
  const { t } = useI18n();
  const dateTime = useDateTime();
  // What the form shows, and what the list was last asked for (the Show button applies the form).
  const [draft, setDraft] = useState<AuditFilter>(NO_FILTER);
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [attempt, setAttempt] = useState(0);
  const params = filterParams(filter);
  const [pages, setPages] = useState<Pages>({ state: "loading" });

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt re-runs the request on retry
  useEffect(() => {
    const controller = new AbortController();
    setPages({ state: "loading" });
    api<{ items: AuditEntry[] }>(`/audit${query({ limit: String(PAGE), ...params })}`, {
      signal: controller.signal,
    }).then(
      ({ items }) =>
        setPages({ state: "done", items, more: items.length === PAGE, loadingMore: false, moreError: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setPages({ state: "error", error: error as Error });
      },
    );
    return () => controller.abort();
  }, [params.action, params.actor, params.from, params.to, attempt]);

  const loadMore = async () => {
    if (pages.state !== "done") return;
    const last = pages.items[pages.items.length - 1];
    setPages({ ...pages, loadingMore: true, moreError: null });
    try {
      const { items } = await api<{ items: AuditEntry[] }>(
        `/audit${query({ limit: String(PAGE), ...params, before: last ? String(last.id) : null })}`,
      );
      setPages({
        state: "done",
        items: [...pages.items, ...items],
        more: items.length === PAGE,
        loadingMore: false,
        moreError: null,
      });
    } catch (error) {
      setPages({ ...pages, loadingMore: false, moreError: error as Error });
    }
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
  };

  const actionName = (code: string) =>
    ACTIONS.includes(code) ? t(`${ACTION_PREFIX}${code}` as MessageKey) : code;

  return (
    <>
      <form className="admin-toolbar admin-filters" onSubmit={apply} aria-label={t("admin.audit.filters")}>
        <div className="field">
          <label htmlFor="admin-audit-action">{t("admin.audit.filterAction")}</label>
          <select
            id="admin-audit-action"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          >
            <option value="">{t("admin.audit.allActions")}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionName(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="admin-audit-actor">{t("admin.audit.filterActor")}</label>
          <input
            id="admin-audit-actor"
            value={draft.actor}
            autoComplete="off"
            onChange={(e) => setDraft({ ...draft, actor: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="admin-audit-from">{t("admin.audit.from")}</label>
          <input
            id="admin-audit-from"
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="admin-audit-to">{t("admin.audit.to")}</label>
          <input
            id="admin-audit-to"
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <span className="admin-actions">
          <button type="submit" className="button button-primary">
            {t("admin.audit.apply")}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setDraft(NO_FILTER);
              setFilter(NO_FILTER);
            }}
          >
            {t("admin.audit.clear")}
          </button>
        </span>
      </form>
      {pages.state === "loading" ? <Loading /> : null}
      {pages.state === "error" ? (
        <ErrorState error={pages.error} retry={() => setAttempt((a) => a + 1)} />
      ) : null}
      {pages.state === "done" && pages.items.length === 0 ? <Empty>{t("admin.audit.empty")}</Empty> : null}
      {pages.state === "done" && pages.items.length > 0 ? (
        <>
          <TableScroll label={t("admin.audit.caption", { count: pages.items.length })}>
            <table className="table compact admin-table admin-audit">
              <caption>{t("admin.audit.caption", { count: pages.items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.audit.time")}</th>
                  <th scope="col">{t("admin.audit.actor")}</th>
                  <th scope="col">{t("admin.audit.action")}</th>
                  <th scope="col">{t("admin.audit.target")}</th>
                  <th scope="col">{t("admin.audit.details")}</th>
                </tr>
              </thead>
              <tbody>
                {pages.items.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">
                      <time dateTime={e.at}>{dateTime(e.at, true)}</time>
                    </td>
                    <td>{e.actor}</td>
                    <td>
                      {actionName(e.action)}
                      {actionName(e.action) !== e.action ? (
                        <span className="muted small admin-code"> {e.action}</span>
                      ) : null}
                    </td>
                    <td className="admin-wrap">{e.target ?? "–"}</td>
                    <td className="admin-wrap small">{summary(e.details)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <div className="list-foot">
            {pages.more ? (
              <button
                type="button"
                className="button"
                disabled={pages.loadingMore}
                onClick={() => void loadMore()}
              >
                {pages.loadingMore ? t("admin.audit.loadingMore") : t("admin.audit.more")}
              </button>
            ) : (
              <p className="muted small">{t("admin.audit.end")}</p>
            )}
            <button
              type="button"
              className="button button-small"
              aria-label={t("admin.audit.csvLabel", { count: pages.items.length })}
              onClick={() => downloadCsv(pages.items)}
            >
              {t("admin.audit.csv")}
            </button>
          </div>
          {pages.moreError ? <ErrorState error={pages.moreError} retry={() => void loadMore()} /> : null}
        </>
      ) : null}
    </>
  );
}

/** An entry's details on one line: "role: viewer · teams: laskutus", at most ~200 characters. */
export function summary(details: unknown): string {
  const text = details === null || details === undefined ? "–" : plain(details);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function plain(value: unknown): string {
  if (value === null || value === undefined) return "–";
  if (Array.isArray(value)) return value.length === 0 ? "–" : value.map(plain).join(", ");
  if (typeof value === "object") {
    const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) =>
      typeof v === "object" && v !== null && !Array.isArray(v) ? `${k}: (${plain(v)})` : `${k}: ${plain(v)}`,
    );
    return parts.join(" · ");
  }
  return String(value);
}

function csvCell(value: string): string {
  // A leading = + - @ would start a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function downloadCsv(items: AuditEntry[]): void {
  const rows = [
    ["id", "at", "actor", "action", "target", "details"],
    ...items.map((e) => [
      String(e.id),
      e.at,
      e.actor,
      e.action,
      e.target ?? "",
      e.details === null || e.details === undefined ? "" : JSON.stringify(e.details),
    ]),
  ];
  const text = `\ufeff${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `kohtaamo-audit-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
