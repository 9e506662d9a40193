import { type FormEvent, useId, useState } from "react";
import { api } from "../api.ts";
import { Await } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useQuery } from "../router.ts";
import { useMe } from "../session.ts";
import { useApi } from "../use-api.ts";
import { ReviewForm, scoreLabel } from "./qa-review-form.tsx";
import {
  type Alpha,
  type EncounterItem,
  encounterListPath,
  type Round,
  type RoundReport,
  type Scorecard,
} from "./qa-types.ts";

/** The calibration tab: rounds, opening one, and a round's blind scoring and agreement. */
export function CalibrationPanel() {
  const { t, date } = useI18n();
  const [query, setQuery] = useQuery();
  const [version, setVersion] = useState(0);
  const rounds = useApi<{ items: Round[] }>(`/qa/calibration${version ? `?v=${version}` : ""}`);
  const selected = query.get("round");
  return (
    <div className="qa-calibration">
      <h2>{t("qa.cal.title")}</h2>
      <p className="small muted">{t("qa.cal.intro")}</p>
      <NewRound
        onCreated={(id) => {
          setVersion((v) => v + 1);
          setQuery({ round: id }, { replace: true });
        }}
      />
      <Await loaded={rounds}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="status status-empty">{t("qa.cal.none")}</p>
          ) : (
            <TableScroll label={t("qa.cal.listCaption")}>
              <table className="table">
                <caption className="visually-hidden">{t("qa.cal.listCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("qa.cal.opened")}</th>
                    <th scope="col">{t("qa.cards.team")}</th>
                    <th scope="col">{t("qa.cal.reviewersHead")}</th>
                    <th scope="col">{t("qa.cal.statusHead")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => (
                    <tr key={r.id} data-round={r.id} aria-current={r.id === selected || undefined}>
                      <th scope="row">
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setQuery({ round: r.id }, { replace: true })}
                          aria-label={t("qa.cal.openRound", { date: date(r.created_at) })}
                        >
                          {date(r.created_at)}
                        </button>
                      </th>
                      <td>{r.team ?? "–"}</td>
                      <td>
                        {t("qa.cal.submittedCount", {
                          done: r.reviewers.filter((x) => x.submitted).length,
                          all: r.reviewers.length,
                        })}
                      </td>
                      <td>{t(`qa.cal.status.${r.status}` as MessageKey)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </Await>
      {selected ? (
        <RoundDetail
          key={`${selected}/${version}`}
          id={selected}
          onChanged={() => setVersion((v) => v + 1)}
        />
      ) : null}
    </div>
  );
}

function NewRound({ onCreated }: { onCreated: (id: string) => void }) {
  const { t, date } = useI18n();
  const id = useId();
  const me = useMe();
  const cards = useApi<{ items: Scorecard[] }>("/qa/scorecards");
  const [scorecard, setScorecard] = useState("");
  const chosen = cards.state === "done" ? cards.data.items.find((c) => c.id === scorecard) : undefined;
  const encounters = useApi<{ items: EncounterItem[] }>(encounterListPath(chosen));
  const [encounter, setEncounter] = useState("");
  const [reviewers, setReviewers] = useState(me?.email ?? "");
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const round = await api<Round>("/qa/calibration", {
        method: "POST",
        body: {
          scorecard_id: scorecard,
          encounter_id: encounter,
          reviewers: reviewers
            .split(/[\s,;]+/)
            .map((x) => x.trim())
            .filter(Boolean),
        },
      });
      onCreated(round.id);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <details className="card qa-new-round">
      <summary>{t("qa.cal.new")}</summary>
      <form onSubmit={submit} noValidate aria-label={t("qa.cal.new")}>
        <div className="filter-bar">
          <div className="field">
            <label htmlFor={`${id}-card`}>{t("qa.review.scorecard")}</label>
            <select id={`${id}-card`} value={scorecard} onChange={(e) => setScorecard(e.target.value)}>
              <option value="">{t("qa.review.pickScorecard")}</option>
              {cards.state === "done"
                ? cards.data.items.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))
                : null}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-encounter`}>{t("qa.review.encounter")}</label>
            <select id={`${id}-encounter`} value={encounter} onChange={(e) => setEncounter(e.target.value)}>
              <option value="">{t("qa.review.pickEncounter")}</option>
              {encounters.state === "done"
                ? encounters.data.items.map((x) => (
                    <option key={x.id} value={x.id}>
                      {[date(x.started_at), x.team, x.agent, x.channel].filter(Boolean).join(" · ")}
                    </option>
                  ))
                : null}
            </select>
          </div>
          <div className="field qa-reviewers">
            <label htmlFor={`${id}-reviewers`}>{t("qa.cal.reviewers")}</label>
            <input
              id={`${id}-reviewers`}
              value={reviewers}
              onChange={(e) => setReviewers(e.target.value)}
              aria-describedby={`${id}-reviewers-hint`}
            />
            <p id={`${id}-reviewers-hint`} className="small muted">
              {t("qa.cal.reviewersHint")}
            </p>
          </div>
        </div>
        {error ? (
          <p className="status status-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button-primary">
          {t("qa.cal.create")}
        </button>
      </form>
    </details>
  );
}

function alphaText(
  a: Alpha,
  t: (key: MessageKey, v?: Record<string, string | number>) => string,
  num: (v: number | null, d?: number) => string,
) {
  if (a.value === null) return t("qa.cal.alphaUndefined", { units: a.units });
  const value = num(a.value, 2);
  return a.low === null || a.high === null
    ? t("qa.cal.alphaNoInterval", { value, units: a.units })
    : t("qa.cal.alphaValue", { value, low: num(a.low, 2), high: num(a.high, 2), units: a.units });
}

function RoundDetail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t, num, date } = useI18n();
  const [version, setVersion] = useState(0);
  const loaded = useApi<RoundReport>(
    `/qa/calibration/${encodeURIComponent(id)}${version ? `?v=${version}` : ""}`,
  );
  const [error, setError] = useState<string | null>(null);
  const tt = t as (key: MessageKey, v?: Record<string, string | number>) => string;
  const close = async () => {
    try {
      await api(`/qa/calibration/${encodeURIComponent(id)}/close`, { method: "POST" });
      setVersion((v) => v + 1);
      onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section className="card qa-round" aria-labelledby="qa-round-title" data-testid="qa-round">
      <Await loaded={loaded}>
        {(r) => (
          <>
            <div className="qa-head">
              <h3 id="qa-round-title">
                {t("qa.cal.roundTitle", { name: r.scorecard_name, date: date(r.created_at) })}
              </h3>
              {r.status === "open" ? (
                <button type="button" className="button button-secondary" onClick={close}>
                  {t("qa.cal.close")}
                </button>
              ) : null}
            </div>
            <p data-testid="round-status">
              {t(`qa.cal.status.${r.status}` as MessageKey)} ·{" "}
              {r.reviewers
                .map((x) => `${x.email} (${t(x.submitted ? "qa.cal.submitted" : "qa.cal.waiting")})`)
                .join(", ")}
            </p>
            {error ? (
              <p className="status status-error" role="alert">
                {error}
              </p>
            ) : null}
            {r.you.reviewer && !r.you.submitted && r.status === "open" ? (
              <ReviewForm
                scorecardId={r.scorecard_id}
                encounterId={r.encounter_id}
                round={r}
                onSaved={() => {
                  setVersion((v) => v + 1);
                  onChanged();
                }}
              />
            ) : null}
            {r.blind || !r.agreement ? (
              <p className="status status-empty" data-testid="round-blind">
                {t("qa.cal.blind")}
              </p>
            ) : (
              <>
                <TableScroll label={t("qa.cal.agreementCaption")}>
                  <table className="table qa-agreement">
                    <caption className="visually-hidden">{t("qa.cal.agreementCaption")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("qa.review.criterion")}</th>
                        {r.agreement.reviews.map((x) => (
                          <th scope="col" key={x.reviewer}>
                            {x.reviewer}
                          </th>
                        ))}
                        <th scope="col">{t("qa.cal.spread")}</th>
                        <th scope="col">{t("qa.cal.alpha")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.agreement.criteria.map((c) => (
                        <tr key={c.criterion} data-criterion={c.criterion}>
                          <th scope="row">{c.name}</th>
                          {r.agreement?.reviews.map((x) => {
                            const s = c.scores.find((y) => y.reviewer === x.reviewer);
                            return <td key={x.reviewer}>{s ? scoreLabel(c, s.score, tt) : "–"}</td>;
                          })}
                          <td data-testid="spread">
                            {c.spread.range === null
                              ? "–"
                              : t("qa.cal.spreadValue", {
                                  range: num(c.spread.range, 0),
                                  agree: num((c.spread.modal_share ?? 0) * 100, 0),
                                })}
                          </td>
                          <td data-testid="alpha">
                            {alphaText(c.alpha, tt, num)}
                            <span className="small muted">
                              {" "}
                              · {t(`qa.cal.level.${c.alpha.level}` as MessageKey)}
                            </span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
                <p data-testid="round-overall">
                  {t("qa.cal.overall", {
                    alpha: alphaText(r.agreement.overall.alpha, tt, num),
                    min: num(r.agreement.overall.totals.min, 1),
                    max: num(r.agreement.overall.totals.max, 1),
                  })}
                </p>
                <p className="small muted">{t("qa.cal.alphaNote")}</p>
              </>
            )}
          </>
        )}
      </Await>
    </section>
  );
}
