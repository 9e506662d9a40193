import { KohtaamoError } from "../../domain/index.ts";
import type { IntegrationForHook, IntegrationRepository } from "../../store/integration-repository.ts";
import { type ChatwootPullSummary, chatwootPullPlan, pullChatwoot } from "./chatwoot-pull.ts";
import { type PullContext, pullProblem, type WriteCounts } from "./pull-batch.ts";
import { pullZendesk, type ZendeskPullSummary, zendeskPullPlan } from "./zendesk-pull.ts";

/**
 * Pulls over vendors' APIs, by integration kind: Zendesk (zendesk-pull.ts) and Chatwoot
 * (chatwoot-pull.ts). Each pull is logged in the integration's delivery list
 * (`pull-<start time>`, its outcome the counts) and a failure becomes the integration's last
 * error, so the admin page shows both. Run by `kohtaamo integrations pull <id>`, the
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
    const [summary, outcome] =
      found.view.kind === "chatwoot"
        ? await pullChatwoot(found, ctx).then(
            (s) => [s, outcomeOf("conversations", s.encounters, "CSAT", s.answers)] as const,
          )
        : await pullZendesk(found, ctx).then(
            (s) => [s, outcomeOf("tickets", s.encounters, "ratings", s.answers)] as const,
          );
    await integrations.finishDelivery(id, deliveryId, outcome, new Date().toISOString());
    return summary;
  } catch (error) {
    await integrations.releaseDelivery(id, deliveryId);
    const message = error instanceof Error ? error.message : String(error);
    await integrations.noteError(id, `pull: ${message}`, new Date().toISOString());
    throw error;
  }
}

function outcomeOf(records: string, encounters: WriteCounts, answers: string, answered: WriteCounts): string {
  const refused = encounters.rejected + answered.rejected;
  return (
    `stored: ${records} ${encounters.imported} new, ${encounters.updated} updated, ${encounters.unchanged} unchanged; ` +
    `${answers} ${answered.imported} new, ${answered.updated} updated, ${answered.unchanged} unchanged` +
    (refused > 0 ? `; ${refused} refused` : "")
  );
}
