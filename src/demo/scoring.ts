import type { SurveyKind } from "../domain/index.ts";
import type { EncounterPlan } from "./plan.ts";
import { PLANT } from "./plant.ts";
import type { Rng } from "./prng.ts";
import { LONG_WAIT_EFFECT, LONG_WAIT_SECONDS, type TeamId, THEME_SCORE_EFFECT } from "./themes.ts";

/**
 * The planted score model. Every survey answer is a noisy draw around a latent 0–10 mean built
 * from the encounter's facts, so each truth is a known, additive effect (and everything not listed
 * here – language, segment, weekday – has no effect at all, which the noise truths rely on).
 */
export interface ScoreModel {
  monthShift: number[];
  teamOffset: Partial<Record<TeamId, number>>;
  npsDropIndex: number;
}

export function latentMean(plan: EncounterPlan, model: ScoreModel): number {
  let mu = PLANT.baseScore + (model.monthShift[plan.monthIndex] ?? 0) + THEME_SCORE_EFFECT[plan.theme];
  if ((plan.waitSeconds ?? 0) > LONG_WAIT_SECONDS) mu += LONG_WAIT_EFFECT;
  if (!plan.resolved) mu += PLANT.unresolvedEffect;
  mu += PLANT.transferEffect * plan.transfers;
  mu += model.teamOffset[plan.team] ?? 0;
  if (plan.team === PLANT.leadTeam && plan.monthIndex >= model.npsDropIndex) mu += PLANT.leadTeamScoreShift;
  if (plan.angryStart) {
    if (!plan.recovered) mu += PLANT.unrecoveredEffect;
    else if (plan.agent?.star) mu = Math.max(mu, PLANT.starRecoveredScore);
  }
  return mu;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26; error < 1.5e-7, plenty for calibration). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Expected NPS (−100…100) of answers drawn around the given latent means. */
export function expectedNps(means: readonly number[]): number {
  if (means.length === 0) return 0;
  let sum = 0;
  for (const mu of means) {
    const promoter = 1 - normalCdf((8.5 - mu) / PLANT.scoreSd);
    const detractor = normalCdf((6.5 - mu) / PLANT.scoreSd);
    sum += promoter - detractor;
  }
  return (100 * sum) / means.length;
}

/**
 * Gives the second parity team an offset so both parity teams have the same expected NPS despite
 * different theme mixes: the "two teams, same true NPS" noise truth.
 */
export function calibrateParity(plans: readonly EncounterPlan[], model: ScoreModel): void {
  const [a, b] = PLANT.parityTeams;
  const means = (team: TeamId): number[] =>
    plans.filter((p) => p.team === team).map((p) => latentMean(p, model));
  const target = expectedNps(means(a));
  let lo = -4;
  let hi = 4;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    model.teamOffset[b] = mid;
    if (expectedNps(means(b)) < target) lo = mid;
    else hi = mid;
  }
  model.teamOffset[b] = (lo + hi) / 2;
}

/** Draws a score of the given kind: NPS 0–10, CSAT 1–5, CES 1–7 (7 = very easy), from one latent draw. */
export function drawScore(rng: Rng, mu: number, kind: SurveyKind): { score: number; tone: Tone } {
  const x = Math.min(10, Math.max(0, rng.normal(mu, PLANT.scoreSd)));
  if (kind === "nps") {
    const score = Math.round(x);
    return { score, tone: score >= 9 ? "positive" : score >= 7 ? "mixed" : "negative" };
  }
  if (kind === "csat") {
    const score = Math.min(5, Math.max(1, Math.round(1 + (x / 10) * 4)));
    return { score, tone: score === 5 ? "positive" : score === 4 ? "mixed" : "negative" };
  }
  const score = Math.min(7, Math.max(1, Math.round(1 + (x / 10) * 6)));
  return { score, tone: score >= 6 ? "positive" : score === 5 ? "mixed" : "negative" };
}

export type Tone = "positive" | "mixed" | "negative";
