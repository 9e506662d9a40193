import { type FormEvent, useEffect, useId, useState } from "react";
import { ApiError, api, query } from "../api.ts";
import type { ThemesResult } from "../api-types.ts";
import { Await, FieldError } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useFilterChoices } from "../filter-choices.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { PAGE_ROLES } from "../page-roles.ts";
import { navigate, useQuery } from "../router.ts";
import { useMe } from "../session.ts";
import { useApi } from "../use-api.ts";
import "./cases-page.css";

/** The wire shapes of /cases (src/server/case-schemas.ts, src/workflows/case-kpis-schema.ts). */
const STATUSES = ["new", "contacted", "resolved", "no_action_needed"] as const;
type CaseStatus = (typeof STATUSES)[number];

interface CaseItem {
  id: string;
  rule: string;
  status: CaseStatus;
  source: { kind: "response" | "encounter"; id: string };
  encounter_id: string | null;
  team: string | null;
  owner: string | null;
  due_at: string;
  overdue: boolean;
  outcome: string | null;
  root_cause_theme: string | null;
  contacted_at: string | null;
  closed_at: string | null;
}
interface CaseDetail extends CaseItem {
  history: { at: string; actor: string; field: string; from: string | null; to: string | null }[];
}
interface CasePage {
  items: CaseItem[];
  next_cursor: string | null;
}
interface Share {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
  warning?: string;
  pending: number;
}
/** A follow-up NPS, or hidden below the privacy floor (no value). */
interface FollowUpEstimate {
  value?: number | null;
  low?: number | null;
  high?: number | null;
  n?: number;
  suppressed?: boolean;
}
interface CaseKpis {
  action_rate: Share;
  time_to_first_contact: { median_hours: number | null; p90_hours: number | null; n: number };
  without_action: Share & { nothing: number };
  follow_up_nps: {
    followed_up: FollowUpEstimate;
    not_followed_up: FollowUpEstimate;
    without_next_answer: number;
    caveat: { id: string; text: { fi: string; en: string } };
  };
}

/** Where a case may go from where it is: new → contacted → resolved, or no action needed while open. */
const NEXT: Record<CaseStatus, CaseStatus[]> = {
  new: ["contacted", "no_action_needed"],
  contacted: ["resolved", "no_action_needed"],
  resolved: [],
  no_action_needed: [],
};

/** The closed-loop follow-up queue (issue 12): KPIs, the queue earliest due first, and one case's detail. */
export function CasesPage() {
  const { t } = useI18n();
  const me = useMe();
  if (me && !(PAGE_ROLES.handleCases as readonly string[]).includes(me.role)) {
    return (
      <>
        <h1>{t("cases.title")}</h1>
        <p className="status status-empty">{t("cases.notAllowed")}</p>
      </>
    );
  }
  return <Cases />;
}

function Cases() {
  const { t } = useI18n();
  const id = useId();
  const me = useMe();
  const [params, setParams] = useQuery();
  const choices = useFilterChoices({ channels: false });
  const teams = me?.role === "manager" ? me.teams : choices.teams;
  // A lead opens the page on their queue: open cases (new or contacted) unless they choose otherwise.
  const status = params.get("status") ?? "open";
  const filter = {
    status: status === "all" ? null : status,
    team: params.get("team"),
    overdue: params.get("overdue") === "true" ? "true" : null,
  };
  const selected = params.get("case");
  const listQuery = query(filter);
  return (
    <>
      <div className="page-head">
        <h1>{t("cases.title")}</h1>
      </div>
      <p className="muted">{t("cases.intro")}</p>
      <Kpis team={filter.team} />
      <search aria-label={t("cases.filters")}>
        <div className="filter-bar cases-filters">
          <div className="field">
            <label htmlFor={`${id}-status`}>{t("cases.status")}</label>
            <select
              id={`${id}-status`}
              value={status}
              onChange={(e) => setParams({ status: e.target.value === "open" ? null : e.target.value })}
            >
              <option value="open">{t("cases.openOnes")}</option>
              <option value="all">{t("cases.any")}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`cases.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-team`}>{t("cases.team")}</label>
            <select
              id={`${id}-team`}
              value={filter.team ?? ""}
              onChange={(e) => setParams({ team: e.target.value || null })}
            >
              <option value="">{t("cases.any")}</option>
              {teams.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-check">
            <input
              id={`${id}-overdue`}
              type="checkbox"
              checked={filter.overdue === "true"}
              onChange={(e) => setParams({ overdue: e.target.checked ? "true" : null })}
            />
            <label htmlFor={`${id}-overdue`}>{t("cases.overdueOnly")}</label>
          </div>
          <a className="button button-small" href={`/api/v1/cases/export${listQuery}`} download>
            {t("cases.export")}
          </a>
          <a
            className="button button-small"
            href={`/api/v1/cases/export${listQuery ? `${listQuery}&` : "?"}format=xlsx`}
            download
          >
            {t("cases.exportXlsx")}
          </a>
        </div>
      </search>
      <div className={selected ? "cases-layout cases-layout-detail" : "cases-layout"}>
        <Queue key={listQuery} listQuery={listQuery} selected={selected} />
        {selected ? <Detail key={selected} caseId={selected} /> : null}
      </div>
    </>
  );
}

function Kpis({ team }: { team: string | null }) {
  const { t, num, signed, lang } = useI18n();
  const kpis = useApi<CaseKpis>(`/cases/kpis${query({ team })}`);
  return (
    <section className="card cases-kpis" aria-labelledby="cases-kpis-title">
      <h2 id="cases-kpis-title">{t("cases.kpisTitle")}</h2>
      <Await loaded={kpis}>
        {(k) => (
          <>
            <dl className="cases-tiles">
              <div className="cases-tile" data-kpi="action-rate">
                <dt>{t("cases.actionRate")}</dt>
                <dd className="cases-tile-value">
                  {k.action_rate.value === null ? "–" : `${num(k.action_rate.value, 0)} %`}
                </dd>
                <dd className="small muted">
                  {t("cases.actionRateInterval", {
                    low: num(k.action_rate.low, 0),
                    high: num(k.action_rate.high, 0),
                    n: k.action_rate.n,
                  })}
                </dd>
                {k.action_rate.warning ? (
                  <dd className="small cases-warning">{k.action_rate.warning}</dd>
                ) : null}
                {k.action_rate.pending > 0 ? (
                  <dd className="small muted">{t("cases.pending", { n: k.action_rate.pending })}</dd>
                ) : null}
              </div>
              <div className="cases-tile" data-kpi="time-to-contact">
                <dt>{t("cases.timeToContact")}</dt>
                <dd className="cases-tile-value">
                  {k.time_to_first_contact.median_hours === null
                    ? "–"
                    : t("cases.hours", { value: num(k.time_to_first_contact.median_hours, 0) })}
                </dd>
                <dd className="small muted">{t("cases.contactedN", { n: k.time_to_first_contact.n })}</dd>
              </div>
              <div className="cases-tile" data-kpi="without-action">
                <dt>{t("cases.withoutAction")}</dt>
                <dd className="cases-tile-value">
                  {k.without_action.value === null ? "–" : `${num(k.without_action.value, 0)} %`}
                </dd>
                <dd className="small muted">
                  {t("cases.withoutActionNote", { n: k.without_action.nothing })}
                </dd>
                {k.without_action.warning ? (
                  <dd className="small cases-warning">{k.without_action.warning}</dd>
                ) : null}
              </div>
              <div className="cases-tile" data-kpi="follow-up-nps">
                <dt>{t("cases.followUpNps")}</dt>
                {(
                  [
                    ["cases.followedUp", k.follow_up_nps.followed_up],
                    ["cases.notFollowedUp", k.follow_up_nps.not_followed_up],
                  ] as const
                ).map(([label, e]) => (
                  <dd key={label} className="small">
                    {t(label)}:{" "}
                    {typeof e.value === "number"
                      ? t("cases.followUpValue", {
                          value: signed(e.value, 1),
                          low: signed(e.low ?? null, 1),
                          high: signed(e.high ?? null, 1),
                          n: num(e.n ?? 0, 0),
                        })
                      : e.suppressed
                        ? t("cases.followUpHidden")
                        : "–"}
                  </dd>
                ))}
                <dd className="small muted">
                  {t("cases.withoutNextAnswer", { n: num(k.follow_up_nps.without_next_answer, 0) })}
                </dd>
              </div>
            </dl>
            <p className="small muted" data-testid="cases-caveat">
              {t("cases.followUpCaveat", { text: k.follow_up_nps.caveat.text[lang] })}
            </p>
          </>
        )}
      </Await>
    </section>
  );
}

function Queue({ listQuery, selected }: { listQuery: string; selected: string | null }) {
  const { t, date } = useI18n();
  const first = useApi<CasePage>(`/cases${listQuery}`);
  const [more, setMore] = useState<CaseItem[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [updated, setUpdated] = useState<Record<string, CaseItem>>({});
  useEffect(() => {
    const onUpdate = (e: Event) => {
      const c = (e as CustomEvent<CaseItem>).detail;
      setUpdated((u) => ({ ...u, [c.id]: c }));
    };
    window.addEventListener(CASE_UPDATED, onUpdate);
    return () => window.removeEventListener(CASE_UPDATED, onUpdate);
  }, []);
  const next = cursor === undefined ? (first.state === "done" ? first.data.next_cursor : null) : cursor;
  const loadMore = async () => {
    if (!next) return;
    const sep = listQuery ? "&" : "?";
    const page = await api<CasePage>(`/cases${listQuery}${sep}cursor=${encodeURIComponent(next)}`);
    setMore((m) => [...m, ...page.items]);
    setCursor(page.next_cursor);
  };
  const follow = (e: React.MouseEvent, href: string) => {
    if (e.metaKey || e.ctrlKey) return;
    e.preventDefault();
    navigate(href);
  };
  const open = (e: React.MouseEvent, caseId: string) => {
    if (e.metaKey || e.ctrlKey) return;
    e.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set("case", caseId);
    navigate(url.href);
  };
  return (
    <section className="card cases-queue" aria-labelledby="cases-queue-title">
      <h2 id="cases-queue-title" className="visually-hidden">
        {t("cases.queueCaption")}
      </h2>
      <Await loaded={first}>
        {(page) => {
          const items = [...page.items, ...more].map((c) => updated[c.id] ?? c);
          if (items.length === 0) return <p className="status status-empty">{t("cases.none")}</p>;
          return (
            <>
              <TableScroll label={t("cases.queueCaption")}>
                <table className="table cases-table">
                  <caption className="visually-hidden">{t("cases.queueCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("cases.due")}</th>
                      <th scope="col">{t("cases.source")}</th>
                      <th scope="col">{t("cases.team")}</th>
                      <th scope="col">{t("cases.owner")}</th>
                      <th scope="col">{t("cases.status")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((c) => (
                      <tr
                        key={c.id}
                        data-case={c.id}
                        data-overdue={c.overdue}
                        className={`${c.overdue ? "case-overdue" : ""}${c.id === selected ? " case-selected" : ""}`}
                        aria-current={c.id === selected || undefined}
                      >
                        <th scope="row" className="nowrap">
                          <a
                            href={`/cases?case=${encodeURIComponent(c.id)}`}
                            onClick={(e) => open(e, c.id)}
                            aria-label={t("cases.openCase", { date: date(c.due_at) })}
                          >
                            {date(c.due_at)}
                          </a>
                          {c.overdue ? (
                            <span className="badge case-overdue-badge">{t("cases.overdue")}</span>
                          ) : null}
                        </th>
                        <td>
                          {t(
                            c.source.kind === "encounter" ? "cases.sourceEncounter" : "cases.sourceResponse",
                          )}
                          {c.encounter_id ? (
                            <>
                              {" · "}
                              <a
                                href={`/encounters/${encodeURIComponent(c.encounter_id)}`}
                                onClick={(e) =>
                                  follow(e, `/encounters/${encodeURIComponent(c.encounter_id ?? "")}`)
                                }
                              >
                                {t("cases.showEncounter")}
                              </a>
                            </>
                          ) : null}
                        </td>
                        <td>{c.team ?? t("cases.noTeam")}</td>
                        <td className="nowrap">{c.owner ?? t("cases.noOwner")}</td>
                        <td data-status={c.status}>{t(`cases.status.${c.status}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              {next ? (
                <button type="button" className="button button-secondary" onClick={loadMore}>
                  {t("cases.more")}
                </button>
              ) : null}
            </>
          );
        }}
      </Await>
    </section>
  );
}

/** Told by the detail when a case changed, so the queue's row follows without reloading the list. */
const CASE_UPDATED = "kohtaamo:case-updated";

function Detail({ caseId }: { caseId: string }) {
  const { t, date } = useI18n();
  const loaded = useApi<CaseDetail>(`/cases/${encodeURIComponent(caseId)}`);
  const [fresh, setFresh] = useState<CaseDetail | null>(null);
  const themeNames = useThemeNames();
  const saved = (after: CaseDetail) => {
    setFresh(after);
    window.dispatchEvent(new CustomEvent(CASE_UPDATED, { detail: after }));
  };
  const close = () => {
    const url = new URL(location.href);
    url.searchParams.delete("case");
    navigate(url.href);
  };
  return (
    <section className="card cases-detail" aria-labelledby="case-detail-title" data-testid="case-detail">
      <div className="cases-detail-head">
        <h2 id="case-detail-title">{t("cases.detailTitle", { id: caseId })}</h2>
        <button type="button" className="button button-ghost" onClick={close}>
          {t("cases.close")}
        </button>
      </div>
      <Await loaded={loaded}>
        {(data) => {
          const c = fresh ?? data;
          return (
            <>
              <dl className="cases-facts">
                <dt>{t("cases.status")}</dt>
                <dd data-testid="case-status">{t(`cases.status.${c.status}`)}</dd>
                <dt>{t("cases.due")}</dt>
                <dd>
                  {date(c.due_at)}
                  {c.overdue ? <span className="badge case-overdue-badge">{t("cases.overdue")}</span> : null}
                </dd>
                <dt>{t("cases.team")}</dt>
                <dd>{c.team ?? t("cases.noTeam")}</dd>
                <dt>{t("cases.owner")}</dt>
                <dd>{c.owner ?? t("cases.noOwner")}</dd>
                {c.outcome ? (
                  <>
                    <dt>{t("cases.outcome")}</dt>
                    <dd>{c.outcome}</dd>
                  </>
                ) : null}
                <dt>{t("cases.rootCause")}</dt>
                <dd data-testid="case-root-cause">
                  {c.root_cause_theme ? (themeNames.get(c.root_cause_theme) ?? c.root_cause_theme) : "–"}
                </dd>
              </dl>
              <MoveForm current={c} onSaved={saved} />
              <AssignForm
                key={`${c.owner}:${c.root_cause_theme}`}
                current={c}
                themes={themeNames}
                onSaved={saved}
              />
              <h3>{t("cases.history")}</h3>
              <TableScroll label={t("cases.historyCaption")}>
                <table className="table cases-history">
                  <caption className="visually-hidden">{t("cases.historyCaption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("cases.when")}</th>
                      <th scope="col">{t("cases.who")}</th>
                      <th scope="col">{t("cases.what")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.history.map((h, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only
                      <tr key={i} data-field={h.field} data-to={h.to ?? ""}>
                        <td className="nowrap">{date(h.at)}</td>
                        <td>{h.actor}</td>
                        <td>
                          {t("cases.change", {
                            field: h.field,
                            from: historyValue(h.field, h.from, t),
                            to: historyValue(h.field, h.to, t),
                          })}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          );
        }}
      </Await>
    </section>
  );
}

function historyValue(field: string, value: string | null, t: ReturnType<typeof useI18n>["t"]): string {
  if (value === null) return "–";
  if (field === "status" && (STATUSES as readonly string[]).includes(value))
    return t(`cases.status.${value as CaseStatus}`);
  return value;
}

function MoveForm({ current, onSaved }: { current: CaseDetail; onSaved: (after: CaseDetail) => void }) {
  const { t } = useI18n();
  const id = useId();
  const choices = NEXT[current.status];
  const [status, setStatus] = useState<CaseStatus | "">(choices[0] ?? "");
  const [outcome, setOutcome] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ field: "status" | "outcome"; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  if (choices.length === 0) return <p className="muted">{t("cases.closed")}</p>;
  const chosen = status && choices.includes(status) ? status : choices[0];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      const text = outcome.trim();
      const after = await api<CaseDetail>(`/cases/${encodeURIComponent(current.id)}`, {
        method: "PATCH",
        body: { status: chosen, ...(text ? { outcome: text } : {}) },
      });
      setOutcome("");
      setStatus("");
      setSaved(true);
      onSaved(after);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      setError({ field: err instanceof ApiError && /outcome/.test(message) ? "outcome" : "status", message });
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="cases-move" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t("cases.moveTitle")}</h3>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t("cases.nextStatus")}</label>
        <select
          id={`${id}-status`}
          value={chosen}
          onChange={(e) => setStatus(e.target.value as CaseStatus)}
          aria-invalid={error?.field === "status" || undefined}
          aria-describedby={error?.field === "status" ? `${id}-status-error` : undefined}
        >
          {choices.map((s) => (
            <option key={s} value={s}>
              {t(`cases.status.${s}`)}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-status-error`} text={error?.field === "status" ? error.message : null} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>{t("cases.outcome")}</label>
        <textarea
          id={`${id}-outcome`}
          rows={3}
          maxLength={4000}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          aria-invalid={error?.field === "outcome" || undefined}
          aria-describedby={`${id}-outcome-hint${error?.field === "outcome" ? ` ${id}-outcome-error` : ""}`}
        />
        <p id={`${id}-outcome-hint`} className="small muted">
          {t("cases.outcomeHint")}
        </p>
        <FieldError
          id={`${id}-outcome-error`}
          text={error?.field === "outcome" ? error.message : null}
          testId="outcome-error"
        />
      </div>
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? t("cases.saving") : t("cases.save")}
      </button>
      {saved ? (
        <p className="small muted" role="status">
          {t("cases.saved")}
        </p>
      ) : null}
    </form>
  );
}

/** Theme id → its name in the UI language, from the themes report (the root-cause choices). */
function useThemeNames(): Map<string, string> {
  const { lang } = useI18n();
  const report = useApi<ThemesResult>("/reports/themes");
  const names = new Map<string, string>();
  if (report.state === "done")
    for (const row of report.data.themes) names.set(row.theme, row.name[lang] ?? row.theme);
  return names;
}

/** Who owns the case and which theme caused it: both optional, each change kept in the history. */
function AssignForm({
  current,
  themes,
  onSaved,
}: {
  current: CaseDetail;
  themes: Map<string, string>;
  onSaved: (after: CaseDetail) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [owner, setOwner] = useState(current.owner ?? "");
  const [rootCause, setRootCause] = useState(current.root_cause_theme ?? "");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ field: "owner" | "root_cause_theme"; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, string> = {};
    const o = owner.trim();
    if (o && o !== current.owner) body.owner = o;
    if (rootCause && rootCause !== current.root_cause_theme) body.root_cause_theme = rootCause;
    setSaved(false);
    if (Object.keys(body).length === 0) {
      setError({ field: "owner", message: t("cases.nothingChanged") });
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const after = await api<CaseDetail>(`/cases/${encodeURIComponent(current.id)}`, {
        method: "PATCH",
        body,
      });
      setSaved(true);
      onSaved(after);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      setError({
        field: err instanceof ApiError && /root_cause/.test(message) ? "root_cause_theme" : "owner",
        message,
      });
    } finally {
      setSaving(false);
    }
  };
  const choices = [...themes.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  return (
    <form className="cases-move" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t("cases.assignTitle")}</h3>
      <div className="field">
        <label htmlFor={`${id}-owner`}>{t("cases.owner")}</label>
        <input
          id={`${id}-owner`}
          type="email"
          autoComplete="off"
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
          aria-invalid={error?.field === "owner" || undefined}
          aria-describedby={`${id}-owner-hint${error?.field === "owner" ? ` ${id}-owner-error` : ""}`}
        />
        <p id={`${id}-owner-hint`} className="small muted">
          {t("cases.ownerHint")}
        </p>
        <FieldError id={`${id}-owner-error`} text={error?.field === "owner" ? error.message : null} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-root`}>{t("cases.rootCause")}</label>
        <select
          id={`${id}-root`}
          value={rootCause}
          onChange={(e) => setRootCause(e.target.value)}
          aria-invalid={error?.field === "root_cause_theme" || undefined}
          aria-describedby={error?.field === "root_cause_theme" ? `${id}-root-error` : undefined}
        >
          <option value="">{t("cases.rootCauseNone")}</option>
          {choices.map(([theme, name]) => (
            <option key={theme} value={theme}>
              {name}
            </option>
          ))}
        </select>
        <FieldError
          id={`${id}-root-error`}
          text={error?.field === "root_cause_theme" ? error.message : null}
        />
      </div>
      <button type="submit" className="button" disabled={saving}>
        {saving ? t("cases.saving") : t("cases.saveAssign")}
      </button>
      {saved ? (
        <p className="small muted" role="status">
          {t("cases.saved")}
        </p>
      ) : null}
    </form>
  );
}
