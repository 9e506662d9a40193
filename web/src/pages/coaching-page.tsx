import { type FormEvent, useId, useState } from "react";
import { ApiError, api, query } from "../api.ts";
import { Await, FieldError } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useFilterChoices } from "../filter-choices.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { PAGE_ROLES } from "../page-roles.ts";
import { useQuery } from "../router.ts";
import { useMe } from "../session.ts";
import { useApi } from "../use-api.ts";
import { SessionView } from "./coaching-session.tsx";
import { follow, type SessionDetail, type SessionItem, usePeriod } from "./coaching-shared.ts";
import "./coaching-page.css";

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
  // The team's latest encounter sets the month offered first: a session picks from encounters, and
  // the latest month with survey answers may have none (a session of it would be empty).
  const latest = useApi<{ items: { started_at: string }[] }>(
    team ? `/encounters${query({ team, limit: "1" })}` : null,
  );
  const first = latest.state === "done" ? latest.data.items[0] : undefined;
  // The month as the user's clock has it (an encounter at 00:30 on the 1st is in that month).
  const latestMonth = first ? new Date(first.started_at).toLocaleDateString("sv-SE").slice(0, 7) : undefined;
  const shownMonth =
    month ?? latestMonth ?? choices.months[choices.months.length - 1] ?? new Date().toISOString().slice(0, 7);
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
      <FieldError id={`${id}-error`} text={error?.message} testId="coaching-error" />
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
