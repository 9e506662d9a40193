import { type FormEvent, useEffect, useId, useState } from "react";
import { api } from "../api.ts";
import { channelName } from "../components/dimension-names.ts";
import { Await } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { navigate, useQuery } from "../router.ts";
import { useApi } from "../use-api.ts";
import {
  type Criterion,
  type EncounterItem,
  encounterListPath,
  type Prefill,
  type Review,
  type Round,
  SCALE_RANGE,
  type Scorecard,
} from "./qa-types.ts";

/** The review tab: pick a scorecard and an encounter, then the form with AutoQA's suggestions. */
export function ReviewPanel() {
  const { t, date } = useI18n();
  const id = useId();
  const [query, setQuery] = useQuery();
  const cards = useApi<{ items: Scorecard[] }>("/qa/scorecards");
  const scorecard = query.get("scorecard");
  const chosen = cards.state === "done" ? cards.data.items.find((c) => c.id === scorecard) : undefined;
  // With one scorecard there is nothing to pick: it is chosen, and the reviewer goes on to the encounter.
  const only = cards.state === "done" && cards.data.items.length === 1 ? cards.data.items[0]?.id : undefined;
  useEffect(() => {
    if (!scorecard && only) setQuery({ scorecard: only }, { replace: true });
  }, [scorecard, only, setQuery]);
  const encounters = useApi<{ items: EncounterItem[] }>(encounterListPath(chosen));
  const encounter = query.get("encounter");
  return (
    <div className="qa-review">
      <h2>{t("qa.review.title")}</h2>
      <Await loaded={cards}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="status status-empty">{t("qa.review.noScorecards")}</p>
          ) : (
            <div className="filter-bar qa-pickers">
              <div className="field">
                <label htmlFor={`${id}-card`}>{t("qa.review.scorecard")}</label>
                <select
                  id={`${id}-card`}
                  value={scorecard ?? ""}
                  onChange={(e) => setQuery({ scorecard: e.target.value || null }, { replace: true })}
                >
                  <option value="">{t("qa.review.pickScorecard")}</option>
                  {items.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.team ? `${c.name} · ${c.team}` : c.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-encounter`}>{t("qa.review.encounter")}</label>
                <select
                  id={`${id}-encounter`}
                  value={encounter ?? ""}
                  onChange={(e) => setQuery({ encounter: e.target.value || null }, { replace: true })}
                >
                  <option value="">{t("qa.review.pickEncounter")}</option>
                  {encounter &&
                  !(encounters.state === "done" && encounters.data.items.some((x) => x.id === encounter)) ? (
                    <option value={encounter}>{encounter}</option>
                  ) : null}
                  {encounters.state === "done"
                    ? encounters.data.items.map((x) => (
                        <option key={x.id} value={x.id}>
                          {[date(x.started_at), x.team, x.agent, x.channel ? channelName(x.channel, t) : null]
                            .filter(Boolean)
                            .join(" · ")}
                        </option>
                      ))
                    : null}
                </select>
              </div>
            </div>
          )
        }
      </Await>
      {scorecard && encounter ? (
        <ReviewForm
          key={`${scorecard}/${encounter}`}
          scorecardId={scorecard}
          encounterId={encounter}
          round={null}
        />
      ) : null}
    </div>
  );
}

/** A score's label on its scale: pass and fail in words, numbers otherwise. */
export function scoreLabel(
  criterion: Pick<Criterion, "scale">,
  score: number | null,
  t: (key: MessageKey) => string,
) {
  if (score === null) return t("qa.review.na");
  if (criterion.scale === "pass_fail") return t(score === 1 ? "qa.review.pass" : "qa.review.fail");
  return String(score);
}

/**
 * The criteria of a scorecard for one encounter with AutoQA's suggestion and its evidence turn;
 * the reviewer confirms or changes each score. In a calibration round (`round`) the same form
 * scores blind.
 */
export function ReviewForm({
  scorecardId,
  encounterId,
  round,
  onSaved,
}: {
  scorecardId: string;
  encounterId: string;
  round: Round | null;
  onSaved?: (review: Review) => void;
}) {
  const { t, num } = useI18n();
  const loaded = useApi<Prefill>(
    `/qa/encounters/${encodeURIComponent(encounterId)}/prefill?scorecard=${encodeURIComponent(scorecardId)}`,
  );
  return (
    <Await loaded={loaded}>
      {(prefill) => (
        <Form
          prefill={prefill}
          round={round}
          onSaved={onSaved}
          t={t as (key: MessageKey, v?: Record<string, string | number>) => string}
          num={num}
        />
      )}
    </Await>
  );
}

function Form({
  prefill,
  round,
  onSaved,
  t,
  num,
}: {
  prefill: Prefill;
  round: Round | null;
  onSaved: ((review: Review) => void) | undefined;
  t: (key: MessageKey, v?: Record<string, string | number>) => string;
  num: (v: number | null | undefined, digits?: number) => string;
}) {
  const id = useId();
  const [scores, setScores] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      prefill.criteria.map((c) => [c.id, c.auto_score === null ? "" : String(c.auto_score)]),
    ),
  );
  const [comment, setComment] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Review | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const review = await api<Review>("/qa/reviews", {
        method: "POST",
        body: {
          encounter_id: prefill.encounter.id,
          scorecard_id: prefill.scorecard.id,
          ...(round ? { round_id: round.id } : {}),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          scores: prefill.criteria.map((c) => ({
            criterion: c.id,
            score: scores[c.id] === "na" || scores[c.id] === "" ? null : Number(scores[c.id]),
          })),
        },
      });
      setSaved(review);
      onSaved?.(review);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  const open = (e: React.MouseEvent) => {
    if (e.metaKey || e.ctrlKey) return;
    e.preventDefault();
    navigate(`/encounters/${encodeURIComponent(prefill.encounter.id)}`);
  };
  return (
    <form className="card qa-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>
        {prefill.scorecard.name}{" "}
        <a href={`/encounters/${encodeURIComponent(prefill.encounter.id)}`} onClick={open}>
          {t("qa.review.openEncounter")}
        </a>
      </h3>
      {round ? <p className="small muted">{t("qa.review.roundNote")}</p> : null}
      {!prefill.analysed ? <p className="status status-empty">{t("qa.review.notAnalysed")}</p> : null}
      <TableScroll label={t("qa.review.criteriaCaption")}>
        <table className="table qa-criteria">
          <caption className="visually-hidden">{t("qa.review.criteriaCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("qa.review.criterion")}</th>
              <th scope="col" className="num">
                {t("qa.review.weight")}
              </th>
              <th scope="col">{t("qa.review.auto")}</th>
              <th scope="col">{t("qa.review.evidence")}</th>
              <th scope="col">{t("qa.review.score")}</th>
            </tr>
          </thead>
          <tbody>
            {prefill.criteria.map((c) => {
              const value = scores[c.id] ?? "";
              const chosen = value === "" || value === "na" ? null : Number(value);
              const overridden = c.auto_score !== null && value !== "" && chosen !== c.auto_score;
              const { min, max } = SCALE_RANGE[c.scale];
              return (
                <tr key={c.id} data-criterion={c.id}>
                  <th scope="row">
                    {c.name}
                    {c.critical ? <span className="badge qa-critical">{t("qa.review.critical")}</span> : null}
                  </th>
                  <td className="num">{num(c.weight, 0)}</td>
                  <td data-testid="auto-score">
                    {c.behaviour === null
                      ? t("qa.review.manual")
                      : c.auto_score === null
                        ? "–"
                        : `${scoreLabel(c, c.auto_score, t)} (${t(
                            `qa.behaviour.${c.behaviour}` as MessageKey,
                          )}: ${t(c.found ? "qa.review.found" : "qa.review.notFound")})`}
                  </td>
                  <td>
                    {c.evidence ? (
                      <blockquote className="qa-evidence" data-seq={c.evidence.seq}>
                        <span className="small muted">
                          {t("qa.review.turn", { seq: c.evidence.seq + 1 })}
                        </span>{" "}
                        {c.evidence.text}
                      </blockquote>
                    ) : (
                      <span className="muted">–</span>
                    )}
                  </td>
                  <td>
                    <label className="visually-hidden" htmlFor={`${id}-${c.id}`}>
                      {t("qa.review.scoreFor", { name: c.name })}
                    </label>
                    <select
                      id={`${id}-${c.id}`}
                      value={value}
                      onChange={(e) => setScores((s) => ({ ...s, [c.id]: e.target.value }))}
                    >
                      <option value="">{t("qa.review.choose")}</option>
                      {Array.from({ length: max - min + 1 }, (_, i) => max - i).map((v) => (
                        <option key={v} value={String(v)}>
                          {scoreLabel(c, v, t)}
                        </option>
                      ))}
                      {c.critical ? null : <option value="na">{t("qa.review.na")}</option>}
                    </select>
                    {overridden ? (
                      <span className="badge qa-overridden" data-testid="overridden">
                        {t("qa.review.overridden")}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <div className="field">
        <label htmlFor={`${id}-comment`}>{t("qa.review.comment")}</label>
        <textarea
          id={`${id}-comment`}
          rows={3}
          maxLength={4000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <p className="small muted">{t("qa.review.totalNote")}</p>
      {saved ? (
        <p className="status qa-saved" role="status" data-testid="review-saved">
          {t("qa.review.saved", { total: num(saved.total, 1) })}
          {saved.critical_failed ? ` ${t("qa.review.criticalFailed")}` : ""}
        </p>
      ) : (
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t("qa.review.saving") : t("qa.review.submit")}
        </button>
      )}
      {error ? (
        <p className="status status-error" role="alert" data-testid="review-error">
          {error}
        </p>
      ) : null}
    </form>
  );
}
