import type { Channel } from "../domain/index.ts";
import type { TeamId } from "./themes.ts";

/**
 * The knobs behind the planted truths, in one place so `truths` reports exactly what was planted
 * and tests can compare the generated data against the same numbers.
 */
export const PLANT = {
  /** Latent mean of a 0–10 score for an uneventful contact; sd of the per-answer noise. */
  baseScore: 9.2,
  scoreSd: 1.6,
  unresolvedEffect: -1.5,
  transferEffect: -0.5,
  /** Truth 2: the team whose eNPS falls first, and its effects. */
  leadTeam: "Tekninen tuki" as TeamId,
  leadMonths: 2,
  pulseBase: 7.6,
  pulseAfterDrop: 4.3,
  pulseSd: 1.5,
  /** Extra latent-score shift for the lead team's customers from the NPS drop month on. */
  leadTeamScoreShift: -1.8,
  leadTeamResolvedAfterDrop: 0.55,
  /** Truth 3: share of encounters about app login before and from the app update month. */
  appLoginShareBefore: 0.005,
  appLoginShareAfter: 0.12,
  /** Truth 4: planted invitation answer rates. */
  chatResponseRate: 0.19,
  otherResponseRate: 0.38,
  /** Truth 5: angry-start recovery probabilities and what a recovered contact scores. */
  starRecoveryRate: 0.88,
  otherRecoveryRate: 0.3,
  starRecoveredScore: 9.0,
  unrecoveredEffect: -2.0,
  angryBase: 0.1,
  angryIfBilling: 0.25,
  angryIfLongWait: 0.3,
  /** Noise: two teams calibrated to the same expected NPS. */
  parityTeams: ["Asiakaspalvelu", "Myynti ja sopimukset"] as [TeamId, TeamId],
  /** Noise: sd of a random per-month shift in the latent score (undetectable at this sample size). */
  monthWobbleSd: 0.12,
  invitationRate: 0.93,
  kindWeights: { nps: 90, csat: 7, ces: 3 },
  commentRate: { negative: 0.72, mixed: 0.5, positive: 0.58 },
  encountersPerMonth: 620,
  customers: 1500,
} as const;

/** Channel mix of incoming contacts (relative weights). */
export const CHANNEL_WEIGHTS: Partial<Record<Channel, number>> = {
  phone: 36,
  chat: 24,
  email: 16,
  bot: 12,
  self_service: 9,
  visit: 3,
};

/** Month index of each planted event for a run of `months` months (12 → 5, 7 and 8). */
export function plantedMonthIndices(months: number): { enpsDrop: number; npsDrop: number; emerging: number } {
  const enpsDrop = Math.round((months * 5) / 12);
  return { enpsDrop, npsDrop: enpsDrop + PLANT.leadMonths, emerging: Math.round((months * 8) / 12) };
}

/** Seasonal volume factor by calendar month (January invoices, summer holidays). */
export const SEASONAL_VOLUME = [1.15, 1.05, 1, 0.97, 0.95, 0.9, 0.78, 1.05, 1.08, 1.02, 1, 0.92];
