import type { SurveyInvitation, SurveyKind, SurveyResponse } from "../domain/index.ts";
import { iso } from "./calendar.ts";
import { writeComment } from "./comments.ts";
import type { BuiltEncounter } from "./encounters.ts";
import { PLANT } from "./plant.ts";
import type { Rng } from "./prng.ts";
import { drawScore, latentMean, type ScoreModel, type Tone } from "./scoring.ts";
import { BANKS } from "./text-bank.ts";
import type { ThemeId } from "./themes.ts";

const MINUTE = 60_000;

export interface ResponseLabel {
  tone: Tone;
  commentThemes: ThemeId[];
  latentMean: number;
}

export interface SurveyOutput {
  invitations: SurveyInvitation[];
  responses: SurveyResponse[];
  responseLabels: Record<string, ResponseLabel>;
}

/**
 * Invites most encounters after they end and lets customers answer at the planted channel rates
 * (chat about half of the rest: truth 4). Whether someone answers is independent of how they feel,
 * so response NPS is an unbiased sample of the planted score model.
 */
export function runSurveys(rng: Rng, built: readonly BuiltEncounter[], model: ScoreModel): SurveyOutput {
  const invitations: SurveyInvitation[] = [];
  const responses: SurveyResponse[] = [];
  const responseLabels: Record<string, ResponseLabel> = {};
  for (const { plan, record, ctx } of built) {
    if (!rng.chance(PLANT.invitationRate)) continue;
    const kind: SurveyKind = rng.weighted(PLANT.kindWeights);
    const endMs = Date.parse(record.endedAt ?? record.startedAt);
    const sentMs = endMs + (plan.channel === "email" ? rng.int(60, 240) : rng.int(2, 30)) * MINUTE;
    const invitation: SurveyInvitation = {
      id: `inv-${String(invitations.length + 1).padStart(6, "0")}`,
      sentAt: iso(sentMs),
      channel: plan.channel,
      kind,
      customerId: plan.customer.id,
      encounterId: record.id,
    };
    invitations.push(invitation);
    const rate = plan.channel === "chat" ? PLANT.chatResponseRate : PLANT.otherResponseRate;
    if (!rng.chance(rate)) continue;
    const mu = latentMean(plan, model);
    const { score, tone } = drawScore(rng, mu, kind);
    const delayMinutes = rng.chance(0.7) ? rng.int(1, 120) : rng.int(120, 3 * 24 * 60);
    const response: SurveyResponse = {
      id: `resp-${String(responses.length + 1).padStart(6, "0")}`,
      kind,
      score,
      answeredAt: iso(sentMs + delayMinutes * MINUTE),
      channel: plan.channel,
      touchpoint: plan.touchpoint,
      team: plan.team,
      ...(plan.agent ? { agent: plan.agent.id } : {}),
      customerId: plan.customer.id,
      encounterId: record.id,
    };
    let commentThemes: ThemeId[] = [];
    if (rng.chance(PLANT.commentRate[tone])) {
      const comment = writeComment(rng, plan, tone, BANKS[plan.customer.language], ctx);
      response.comment = comment.text;
      commentThemes = comment.themes;
    }
    responses.push(response);
    responseLabels[response.id] = { tone, commentThemes, latentMean: Math.round(mu * 1000) / 1000 };
  }
  return { invitations, responses, responseLabels };
}
