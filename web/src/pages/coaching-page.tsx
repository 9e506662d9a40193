import { type FormEvent, useId, useState } from "react";
import { ApiError, api, query } from "../api.ts";
import { channelName } from "../components/dimension-names.ts";
import { Await } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useFilterChoices } from "../filter-choices.ts";
import type { MessageKey } from "../i18n/en.ts";
import { type Translate, useI18n } from "../i18n/i18n-context.tsx";
import { PAGE_ROLES } from "../page-roles.ts";
import { navigate, useQuery } from "../router.ts";
import { useMe } from "../session.ts";
import { useApi } from "../use-api.ts";
import "./coaching-page.css";

/** The wire shapes of /coaching-sessions (src/server/coaching-schemas.ts). */
const STATUSES = ["planned", "held", "closed"] as const;
type Status = (typeof STATUSES)[number];
const KINDS = ["worst_ending", "best_recovery", "highest_effort", "gratitude", "blame", "typical"] as const;
type Kind = (typeof KINDS)[number];

interface SessionItem {
  id: string;
  team: string;
  agent: string | null;
  from: string;
  to: string;
  created_by: string;
  status: Status;
  notes: string | null;
  agreements: string[];
  follow_up_date: string | null;
  created_at: string;
}
interface Pick {
  position: number;
  encounter_id: string;
  kind: Kind;
  data: Record<string, unknown>;
  turn: number | null;
  link: string;
  encounter: { started_at: string; channel: string; agent: string | null } | null;
}
interface SessionDetail extends SessionItem {
  picks: Pick[];
  questions: {
    id: string;
    pick: number;
    encounter_id: string;
    turn: number | null;
    text: { fi: string; en: string };
  }[];
  shortfalls: { code: "too_few_encounters" | "no_candidate"; kind?: Kind; count?: number; needed?: number }[];
  previous: {
    id: string;
    from: string;
    to: string;
    agreements: string[];
    follow_up_date: string | null;
  } | null;
}

const canRun = (role: string | undefined) =>
  (PAGE_ROLES.runCoaching as readonly string[]).includes(role ?? "");

/** Coaching sessions built from real encounters (issue 12): create one, listen to its picks, keep the agreements. */
export function CoachingPage() {
  const { t } = useI18n();
  const me = useMe();
  if (me && !(PAGE_ROLES.readCoaching as readonly string[]).includes(me.role)) {
    return (
      <>
        <h1>{t("coaching.title")}</h1>
        <p className="status status-empty">{t("coaching.notAllowed")}</p>
      </>
    );
  }
  return <Coaching />;
}

/** "1.3.2026 – 31.3.2026": the period's last day is the day before its exclusive end. */
function usePeriod(): (s: { from: string; to: string }) => string {
  const { date } = useI18n();
  return (s) => `${date(s.from)} – ${date(new Date(Date.parse(s.to) - 1).toISOString())}`;
}

function follow(e: React.MouseEvent, href: string) {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(href);
}

function Coaching() {
  const { t } = useI18n();
  const me = useMe();
  const [params, setParams] = useQuery();
  const runs = canRun(me?.role);
  const selected = params.get("session");
  const team = params.get("team");
  const [listVersion, setListVersion] = useState(0);
  const open = (id: string) => setParams({ session: id });
  return (
    <>
      <div className="page-head">
        <h1>{t("coaching.title")}</h1>
      </div>
      <p className="muted">{t(runs ? "coaching.intro" : "coaching.agentIntro")}</p>
      {runs ? (
        <NewSession
          team={team}
          onTeam={(x) => setParams({ team: x || null })}
          onCreated={(id) => {
            setListVersion((v) => v + 1);
            open(id);
          }}
        />
      ) : null}
      <div className={selected ? "coaching-layout coaching-layout-detail" : "coaching-layout"}>
        <SessionList key={`${team ?? ""}-${listVersion}`} team={team} selected={selected} />
        {selected ? (
          <SessionView
            key={selected}
            id={selected}
            editable={runs}
            onSaved={() => setListVersion((v) => v + 1)}
            onClose={() => setParams({ session: null })}
          />
        ) : null}
      </div>
    </>
  );
}

function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}

function NewSession({
  team,
  onTeam,
  onCreated,
}: {
  team: string | null;
  onTeam: (team: string) => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const me = useMe();
  const choices = useFilterChoices({ channels: false });
  const teams = me?.role === "manager" ? me.teams : choices.teams;
  const [month, setMonth] = useState<string | null>(null);
  const [agent, setAgent] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const shownMonth =
    month ?? choices.months[choices.months.length - 1] ?? new Date().toISOString().slice(0, 7);
  const chosenTeam = team ?? "";
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!chosenTeam) {
      setError({ field: "team", message: t("coaching.chooseTeam") });
      return;
    }
    setBusy(true);
    try {
      const created = await api<SessionDetail>("/coaching-sessions", {
        method: "POST",
        body: {
          team: chosenTeam,
          from: `${shownMonth}-01`,
          to: `${nextMonth(shownMonth)}-01`,
          ...(agent.trim() ? { agent: agent.trim() } : {}),
        },
      });
      onCreated(created.id);
    } catch (err) {
      const field =
        err instanceof ApiError
          ? ((err.details as { problems?: { field: string }[] } | undefined)?.problems?.[0]?.field ?? "team")
          : "team";
      setError({ field, message: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };
  const invalid = (field: string) => (error?.field === field ? { "aria-invalid": true as const } : {});
  return (
    <form className="card coaching-new" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{t("coaching.newTitle")}</h2>
      <div className="filter-bar coaching-fields">
        <div className="field">
          <label htmlFor={`${id}-team`}>{t("coaching.team")}</label>
          <select
            id={`${id}-team`}
            value={chosenTeam}
            onChange={(e) => onTeam(e.target.value)}
            {...invalid("team")}
            aria-describedby={error ? `${id}-error` : undefined}
          >
            <option value="">{t("coaching.chooseTeam")}</option>
            {teams.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-month`}>{t("coaching.month")}</label>
          <input
            id={`${id}-month`}
            type="month"
            value={shownMonth}
            required
            onChange={(e) => setMonth(e.target.value || null)}
            {...invalid("from")}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-agent`}>{t("coaching.agent")}</label>
          <input
            id={`${id}-agent`}
            type="text"
            value={agent}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => setAgent(e.target.value)}
            aria-describedby={`${id}-agent-hint${error ? ` ${id}-error` : ""}`}
            {...invalid("agent")}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("coaching.creating") : t("coaching.create")}
        </button>
      </div>
      <p id={`${id}-agent-hint`} className="small muted">
        {t("coaching.agentHint")}
      </p>
      {error ? (
        <p
          id={`${id}-error`}
          className="status status-error field-error"
          role="alert"
          data-testid="coaching-error"
        >
          {error.message}
        </p>
      ) : null}
    </form>
  );
}

function SessionList({ team, selected }: { team: string | null; selected: string | null }) {
  const { t } = useI18n();
  const period = usePeriod();
  const loaded = useApi<{ items: SessionItem[] }>(`/coaching-sessions${query({ team })}`);
  return (
    <section className="card coaching-list" aria-labelledby="coaching-list-title">
      <h2 id="coaching-list-title">{t("coaching.listTitle")}</h2>
      <Await loaded={loaded}>
        {(page) =>
          page.items.length === 0 ? (
            <p className="status status-empty">{t("coaching.none")}</p>
          ) : (
            <TableScroll label={t("coaching.listCaption")}>
              <table className="table coaching-table">
                <caption className="visually-hidden">{t("coaching.listCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("coaching.period")}</th>
                    <th scope="col">{t("coaching.team")}</th>
                    <th scope="col">{t("coaching.status")}</th>
                    <th scope="col">{t("coaching.agreements")}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((s) => {
                    const href = `/coaching${query({ team, session: s.id })}`;
                    return (
                      <tr
                        key={s.id}
                        data-session={s.id}
                        className={s.id === selected ? "coaching-selected" : undefined}
                        aria-current={s.id === selected || undefined}
                      >
                        <th scope="row" className="nowrap">
                          <a
                            href={href}
                            onClick={(e) => follow(e, href)}
                            aria-label={t("coaching.open", { period: period(s) })}
                          >
                            {period(s)}
                          </a>
                        </th>
                        <td>
                          {s.team}
                          <span className="muted small"> · {s.agent ?? t("coaching.wholeTeam")}</span>
                        </td>
                        <td>{t(`coaching.status.${s.status}`)}</td>
                        <td>
                          {s.agreements.length > 0 ? (
                            <ul className="coaching-agreements">
                              {s.agreements.map((a, i) => (
                                // biome-ignore lint/suspicious/noArrayIndexKey: agreements are plain lines, possibly repeated
                                <li key={i}>{a}</li>
                              ))}
                            </ul>
                          ) : (
                            "–"
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </Await>
    </section>
  );
}

function reasonText(
  p: Pick,
  t: Translate,
  num: (v: number | null | undefined, d?: number) => string,
): string {
  const n = (key: string) => (typeof p.data[key] === "number" ? (p.data[key] as number) : null);
  switch (p.kind) {
    case "worst_ending":
      return t("coaching.reason.worst_ending", { tone: num(n("end_tone"), 2) });
    case "best_recovery":
      return t("coaching.reason.best_recovery", {
        start: num(n("start_tone"), 2),
        end: num(n("end_tone"), 2),
      });
    case "highest_effort": {
      const signals = Array.isArray(p.data.signals) ? (p.data.signals as string[]) : [];
      const parts = signals.map((s) => effortName(t, s));
      const transfers = n("transfers") ?? 0;
      const wait = n("wait_seconds") ?? 0;
      if (transfers > 0) parts.push(t("coaching.effortTransfers", { n: transfers }));
      if (wait >= 60) parts.push(t("coaching.effortWait", { minutes: num(wait / 60, 0) }));
      return t("coaching.reason.highest_effort", {
        signals: parts.length > 0 ? parts.join(", ") : t("coaching.effortNone"),
      });
    }
    case "gratitude":
      return t("coaching.reason.gratitude", { score: num(n("score"), 2) });
    case "blame":
      return t("coaching.reason.blame");
    case "typical":
      return t("coaching.reason.typical", {
        tone: num(n("tone"), 2),
        median: num(n("median_tone"), 2),
        effort: num(n("effort"), 0),
      });
  }
}

function effortName(t: Translate, signal: string): string {
  const key = `effort.${signal}`;
  return ["repeat_contact", "transfer", "explain_again", "stated_wait"].includes(signal)
    ? t(key as MessageKey)
    : signal.replace(/_/g, " ");
}

function SessionView({
  id,
  editable,
  onSaved,
  onClose,
}: {
  id: string;
  editable: boolean;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t, num, date, lang } = useI18n();
  const period = usePeriod();
  const loaded = useApi<SessionDetail>(`/coaching-sessions/${encodeURIComponent(id)}`);
  const [fresh, setFresh] = useState<SessionDetail | null>(null);
  return (
    <section
      className="card coaching-detail"
      aria-labelledby="coaching-detail-title"
      data-testid="coaching-detail"
    >
      <Await loaded={loaded}>
        {(data) => {
          const s = fresh ?? data;
          return (
            <>
              <div className="coaching-detail-head">
                <h2 id="coaching-detail-title">
                  {t("coaching.sessionTitle", { team: s.team, period: period(s) })}
                </h2>
                <button type="button" className="button button-ghost" onClick={onClose}>
                  {t("coaching.close")}
                </button>
              </div>
              <p className="small muted">
                {s.agent ? `${t("coaching.forAgent", { agent: s.agent })} · ` : ""}
                {t("coaching.createdBy", { email: s.created_by })} · {t(`coaching.status.${s.status}`)}
              </p>
              <section aria-labelledby="coaching-previous-title" className="coaching-previous">
                <h3 id="coaching-previous-title">{t("coaching.previousTitle")}</h3>
                {s.previous === null ? (
                  <p className="muted small">{t("coaching.previousNone")}</p>
                ) : (
                  <>
                    <p className="small muted">
                      {s.previous.follow_up_date
                        ? t("coaching.previousFrom", {
                            period: period(s.previous),
                            date: date(`${s.previous.follow_up_date}T12:00:00Z`),
                          })
                        : t("coaching.previousNoFollowUp", { period: period(s.previous) })}
                    </p>
                    {s.previous.agreements.length > 0 ? (
                      <ul data-testid="previous-agreements">
                        {s.previous.agreements.map((a, i) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: agreements are plain lines, possibly repeated
                          <li key={i}>{a}</li>
                        ))}
                      </ul>
                    ) : (
                      <p className="muted small">{t("coaching.previousEmpty")}</p>
                    )}
                  </>
                )}
              </section>
              {s.shortfalls.length > 0 ? (
                <section aria-labelledby="coaching-shortfalls-title" className="coaching-shortfalls">
                  <h3 id="coaching-shortfalls-title">{t("coaching.shortfallsTitle")}</h3>
                  <ul>
                    {s.shortfalls.map((f) => (
                      <li key={`${f.code}-${f.kind ?? ""}`} data-shortfall={f.kind ?? f.code}>
                        {f.code === "too_few_encounters"
                          ? t("coaching.shortfall.too_few_encounters", {
                              count: f.count ?? 0,
                              needed: f.needed ?? 4,
                            })
                          : t(`coaching.shortfall.${f.kind ?? "typical"}` as MessageKey)}
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
              <h3>{t("coaching.picksTitle")}</h3>
              <ol className="coaching-picks">
                {s.picks.map((p) => (
                  <li
                    key={p.position}
                    className="coaching-pick"
                    data-kind={p.kind}
                    data-encounter={p.encounter_id}
                  >
                    <h4>
                      {t("coaching.pickHeading", { n: p.position, kind: t(`coaching.kind.${p.kind}`) })}
                    </h4>
                    {p.encounter ? (
                      <p className="small muted">
                        {t("coaching.pickMeta", {
                          date: date(p.encounter.started_at),
                          channel: channelName(p.encounter.channel, t),
                        })}
                        {p.encounter.agent
                          ? ` · ${t("coaching.pickAgent", { agent: p.encounter.agent })}`
                          : ""}
                      </p>
                    ) : (
                      <p className="small muted">{t("coaching.erased")}</p>
                    )}
                    <p>{reasonText(p, t, num)}</p>
                    {p.encounter ? (
                      <a href={p.link} onClick={(e) => follow(e, p.link)} className="coaching-listen">
                        {p.turn === null
                          ? t("coaching.listenWhole")
                          : t("coaching.listen", { turn: p.turn + 1 })}
                      </a>
                    ) : null}
                  </li>
                ))}
              </ol>
              <h3>{t("coaching.questionsTitle")}</h3>
              <ol className="coaching-questions">
                {s.questions.map((q) => (
                  <li key={`${q.id}-${q.pick}`} data-question={q.id}>
                    {q.text[lang]}
                  </li>
                ))}
              </ol>
              {editable ? (
                <EditForm
                  session={s}
                  onSaved={(after) => {
                    setFresh(after);
                    onSaved();
                  }}
                />
              ) : (
                <ReadOnlyNotes session={s} />
              )}
            </>
          );
        }}
      </Await>
    </section>
  );
}

function ReadOnlyNotes({ session }: { session: SessionDetail }) {
  const { t, date } = useI18n();
  return (
    <section aria-labelledby="coaching-notes-title">
      <h3 id="coaching-notes-title">{t("coaching.editTitle")}</h3>
      {session.notes ? <p className="coaching-notes">{session.notes}</p> : null}
      {session.agreements.length > 0 ? (
        <ul>
          {session.agreements.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: agreements are plain lines, possibly repeated
            <li key={i}>{a}</li>
          ))}
        </ul>
      ) : null}
      {session.follow_up_date ? (
        <p className="small">
          {t("coaching.followUp")}: {date(`${session.follow_up_date}T12:00:00Z`)}
        </p>
      ) : null}
      <p className="small muted">{t("coaching.readOnly")}</p>
    </section>
  );
}

function EditForm({ session, onSaved }: { session: SessionDetail; onSaved: (after: SessionDetail) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [notes, setNotes] = useState(session.notes ?? "");
  const [agreements, setAgreements] = useState(session.agreements.join("\n"));
  const [followUp, setFollowUp] = useState(session.follow_up_date ?? "");
  const [status, setStatus] = useState<Status>(session.status);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setSaved(false);
    setError(null);
    try {
      const after = await api<SessionDetail>(`/coaching-sessions/${encodeURIComponent(session.id)}`, {
        method: "PATCH",
        body: {
          notes: notes.trim() ? notes : null,
          agreements: agreements
            .split("\n")
            .map((a) => a.trim())
            .filter(Boolean),
          follow_up_date: followUp || null,
          status,
        },
      });
      setSaved(true);
      onSaved(after);
    } catch (err) {
      const field =
        err instanceof ApiError
          ? ((err.details as { problems?: { field: string }[] } | undefined)?.problems?.[0]?.field ?? "notes")
          : "notes";
      setError({
        field: field.split(".")[0] ?? field,
        message: err instanceof Error ? err.message : String(err),
      });
    } finally {
      setSaving(false);
    }
  };
  const described = (field: string, hint?: string) => {
    const ids = [hint, error?.field === field ? `${id}-error` : undefined].filter(Boolean).join(" ");
    return {
      ...(ids ? { "aria-describedby": ids } : {}),
      ...(error?.field === field ? { "aria-invalid": true as const } : {}),
    };
  };
  return (
    <form className="coaching-edit" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t("coaching.editTitle")}</h3>
      <div className="field">
        <label htmlFor={`${id}-notes`}>{t("coaching.notes")}</label>
        <textarea
          id={`${id}-notes`}
          rows={4}
          maxLength={20000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          {...described("notes")}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-agreements`}>{t("coaching.agreementsField")}</label>
        <textarea
          id={`${id}-agreements`}
          rows={4}
          value={agreements}
          onChange={(e) => setAgreements(e.target.value)}
          {...described("agreements", `${id}-agreements-hint`)}
        />
        <p id={`${id}-agreements-hint`} className="small muted">
          {t("coaching.agreementsHint")}
        </p>
      </div>
      <div className="coaching-edit-row">
        <div className="field">
          <label htmlFor={`${id}-follow-up`}>{t("coaching.followUp")}</label>
          <input
            id={`${id}-follow-up`}
            type="date"
            value={followUp}
            onChange={(e) => setFollowUp(e.target.value)}
            {...described("follow_up_date")}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("coaching.status")}</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => setStatus(e.target.value as Status)}
            {...described("status")}
          >
            {STATUSES.map((x) => (
              <option key={x} value={x}>
                {t(`coaching.status.${x}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error ? (
        <p id={`${id}-error`} className="status status-error field-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? t("coaching.saving") : t("coaching.save")}
      </button>
      {saved ? (
        <p className="small muted" role="status">
          {t("coaching.saved")}
        </p>
      ) : null}
    </form>
  );
}
