import { KohtaamoError } from "../../domain/index.ts";
import type {
  IntegrationForHook,
  IntegrationRepository,
  StreamCount,
} from "../../store/integration-repository.ts";
import { type ChatwootPullSummary, chatwootPullPlan, pullChatwoot } from "./chatwoot-pull.ts";
import { pullError } from "./integration-errors.ts";
import { type PullContext, pullProblem, type WriteCounts } from "./pull-batch.ts";
import { pullZendesk, type ZendeskPullSummary, zendeskPullPlan } from "./zendesk-pull.ts";

/**
 * Pulls over vendors' APIs, by integration kind: Zendesk (zendesk-pull.ts) and Chatwoot
 * (chatwoot-pull.ts). Each pull is logged in the integration's delivery list
 * (`pull-<start time>`, its outcome the counts per stream) and a failure becomes the integration's
 * last error (its text, code and parameters: integration-errors.ts), so the admin page shows both. Run by `kohtaamo integrations pull <id>`, the
 * integrations.pull job and POST /api/v1/integrations/{id}/pull.
 */
export type PullSummary = ZendeskPullSummary | ChatwootPullSummary;

/** Checks a pull can start (the kind pulls; settings and token are there) or throws a 400 naming the field. */
export function checkPullable(found: IntegrationForHook): void {
  const { kind } = found.view;
  if (kind === "zendesk") zendeskPullPlan(found);
  else if (kind === "chatwoot") chatwootPullPlan(found);
  else throw pullProblem("kind", `is ${kind}; only Zendesk and Chatwoot integrations are pulled`);
}

export async function runIntegrationPull(
  integrations: IntegrationRepository,
  id: string,
  ctx: PullContext,
): Promise<PullSummary> {
  const found = await integrations.forHook(id);
  if (!found) throw new KohtaamoError("not_found", `integration ${id} not found`);
  const started = new Date().toISOString();
  const deliveryId = `pull-${started}`;
  await integrations.claimDelivery(id, deliveryId, "pull", started);
  try {
    // A missing setting or token becomes the integration's last error too.
    checkPullable(found);
    // Counted per stream, named as the cursors are (the vendor's listing).
    const [summary, outcome, counts] =
      found.view.kind === "chatwoot"
        ? await pullChatwoot(found, ctx).then(
            (s) =>
              [
                s,
                outcomeOf("conversations", s.encounters, "CSAT", s.answers),
                { conversations: countOf(s.encounters), csat_survey_responses: countOf(s.answers) },
              ] as const,
          )
        : await pullZendesk(found, ctx).then(
            (s) =>
              [
                s,
                outcomeOf("tickets", s.encounters, "ratings", s.answers),
                { tickets: countOf(s.encounters), satisfaction_ratings: countOf(s.answers) },
              ] as const,
          );
    await integrations.finishDelivery(id, deliveryId, outcome, new Date().toISOString(), counts);
    return summary;
  } catch (error) {
    await integrations.releaseDelivery(id, deliveryId);
    await integrations.noteError(id, pullError(error), new Date().toISOString());
    throw error;
  }
}

/** The counts as the API names them (`new` for acceptBatch's imported). */
export function countOf(c: WriteCounts): StreamCount {
  return { new: c.imported, updated: c.updated, unchanged: c.unchanged, rejected: c.rejected };
}

/** The outcome in English, as before the counts were stored (`outcome` of the API, for clients reading it). */
function outcomeOf(records: string, encounters: WriteCounts, answers: string, answered: WriteCounts): string {
  const refused = encounters.rejected + answered.rejected;
  return (
    `stored: ${records} ${encounters.imported} new, ${encounters.updated} updated, ${encounters.unchanged} unchanged; ` +
    `${answers} ${answered.imported} new, ${answered.updated} updated, ${answered.unchanged} unchanged` +
    (refused > 0 ? `; ${refused} refused` : "")
  );
}
