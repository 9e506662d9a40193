import { type FormEvent, useId, useState } from "react";
import { ApiError, api } from "../api.ts";
import { channelName } from "../components/dimension-names.ts";
import { Await, FieldError } from "../components/status.tsx";
import type { MessageKey } from "../i18n/en.ts";
import { type Translate, useI18n } from "../i18n/i18n-context.tsx";
import { useApi } from "../use-api.ts";
import {
  follow,
  type Pick,
  type SessionDetail,
  STATUSES,
  type Status,
  usePeriod,
} from "./coaching-shared.ts";

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

/** One session: the previous agreements, why fewer picks, the picks, the questions, and its notes. */
export function SessionView({
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
      <FieldError id={`${id}-error`} text={error?.message} />
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
