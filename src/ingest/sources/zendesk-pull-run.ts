import { KohtaamoError } from "../../domain/index.ts";
import type { IntegrationRepository } from "../../store/integration-repository.ts";
import { pullZendesk, type ZendeskPullContext, type ZendeskPullSummary } from "./zendesk-pull.ts";

/**
 * One pull of an integration, as the CLI (`kohtaamo integrations pull <id>`) runs it: the pull is
 * logged in the integration's delivery list (`pull-<start time>`, its outcome the counts) and a
 * failure becomes the integration's last error, so the admin page shows both.
 */
export async function runIntegrationPull(
  integrations: IntegrationRepository,
  id: string,
  ctx: ZendeskPullContext,
): Promise<ZendeskPullSummary> {
  const found = await integrations.forHook(id);
  if (!found) throw new KohtaamoError("not_found", `integration ${id} not found`);
  const started = new Date().toISOString();
  const deliveryId = `pull-${started}`;
  await integrations.claimDelivery(id, deliveryId, "pull", started);
  try {
    const s = await pullZendesk(found, ctx);
    const outcome =
      `stored: tickets ${s.encounters.imported} new, ${s.encounters.updated} updated, ${s.encounters.unchanged} unchanged; ` +
      `ratings ${s.answers.imported} new, ${s.answers.updated} updated, ${s.answers.unchanged} unchanged` +
      (s.encounters.rejected + s.answers.rejected > 0
        ? `; ${s.encounters.rejected + s.answers.rejected} refused`
        : "");
    await integrations.finishDelivery(id, deliveryId, outcome, new Date().toISOString());
    return s;
  } catch (error) {
    await integrations.releaseDelivery(id, deliveryId);
    const message = error instanceof Error ? error.message : String(error);
    await integrations.noteError(id, `pull: ${message}`, new Date().toISOString());
    throw error;
  }
}
