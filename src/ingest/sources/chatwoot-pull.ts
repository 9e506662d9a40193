import { z } from "zod";
import { IntegrationCursorRepository } from "../../store/integration-cursor-repository.ts";
import type { IntegrationForHook } from "../../store/integration-repository.ts";
import {
  type ChatwootMapping,
  type ChatwootSettings,
  chatwootAction,
  chatwootMapping,
  chatwootSettings,
} from "./chatwoot.ts";
import {
  allMessages,
  chatwootClient,
  conversationPage,
  conversationShape,
  csatDelivery,
  csatPage,
  inboxList,
  type ListedConversation,
} from "./chatwoot-api.ts";
import { conversationEncounter, csatAnswer } from "./chatwoot-conversation.ts";
import {
  noWrites,
  type PullContext,
  parseVendor,
  pullBasics,
  pullProblem,
  type WriteCounts,
  writePage,
} from "./pull-batch.ts";

/**
 * The Chatwoot pull backfill (issue 15 item 3) over the application API, `api_access_token`
 * header: the account's conversations (`GET …/conversations?status=all&sort_by=created_at_asc`,
 * page by page, so pages already read stay put as new conversations are added at the end), each
 * one's messages (`GET …/conversations/{id}/messages`, the latest 20, then `before` the oldest
 * id until none is left), then CSAT survey responses (`GET …/csat_survey_responses`, by page,
 * `sort=created_at`, from run to run `since` the newest one seen).
 *
 * Each object goes through the webhook's own mapping (chatwootAction, as a message_created /
 * conversation_status_changed / message_updated delivery of the same object would), so a
 * conversation pulled is the encounter the webhooks build, under the same id: private notes are
 * never stored, resolved conversations are analysed, open ones are stored unanalysed.
 *
 * Resuming: a page's records are stored first and its cursor saved after (integration_cursors).
 * Killed between the two, the next run reads that page again and its records upsert to the same
 * ids: nothing lost, nothing doubled.
 */
export interface ChatwootPullSummary {
  integration: string;
  resumed: boolean;
  conversation_pages: number;
  conversations: number;
  resolved: number;
  open: number;
  conversations_without_turns: number;
  /** Conversations stored open by an earlier run, read again. */
  open_revisited: number;
  messages: number;
  private_notes_skipped: number;
  encounters: WriteCounts;
  csat_pages: number;
  csat_responses: number;
  csat_skipped: number;
  answers: WriteCounts;
  requests: number;
  rate_limited: number;
  waited_seconds: number;
}

const conversationCursor = z.object({ page: z.number().int().min(1) });
/** Conversations stored while open: read again by each run until resolved (or deleted). */
const openCursor = z.object({ ids: z.array(z.string()) });
const csatCursor = z.object({ page: z.number().int().min(1), since: z.number().int().optional() });

/** What a pull needs, checked before it starts: each missing piece is named by its field (400). */
export interface ChatwootPullPlan {
  baseUrl: string;
  accountId: number;
  apiToken: string;
  settings: ChatwootSettings;
  mapping: ChatwootMapping;
}

export function chatwootPullPlan(found: IntegrationForHook): ChatwootPullPlan {
  const { settings: s, mapping, secrets } = pullBasics(found, "chatwoot", chatwootSettings, chatwootMapping);
  const missing = "pull.setting_missing";
  if (!s.base_url)
    throw pullProblem("settings.base_url", "is needed to pull: the Chatwoot's address", missing);
  if (!s.account_id)
    throw pullProblem("settings.account_id", "is needed to pull: the numeric account id", missing);
  if (!secrets.apiToken) {
    throw pullProblem(
      "secret",
      'needs the API token to pull: {"api_token": "…", "signing_secret": "…"} (an access token from the Chatwoot profile settings)',
      "pull.token_missing",
    );
  }
  return {
    baseUrl: s.base_url,
    accountId: s.account_id,
    apiToken: secrets.apiToken,
    settings: s,
    mapping,
  };
}

export async function pullChatwoot(
  found: IntegrationForHook,
  ctx: PullContext,
): Promise<ChatwootPullSummary> {
  const { view } = found;
  const log = ctx.log ?? (() => {});
  const plan = chatwootPullPlan(found);
  const client = chatwootClient({
    baseUrl: plan.baseUrl,
    apiToken: plan.apiToken,
    requestsPerMinute: plan.settings.requests_per_minute ?? 300,
    log,
  });
  const get = (path: string) => client.get(`/api/v1/accounts/${plan.accountId}${path}`, true);
  const cursors = new IntegrationCursorRepository(ctx.store.db);
  const writeCtx = { ...ctx, log };
  const summary: ChatwootPullSummary = {
    integration: view.id,
    resumed: false,
    conversation_pages: 0,
    conversations: 0,
    resolved: 0,
    open: 0,
    conversations_without_turns: 0,
    open_revisited: 0,
    messages: 0,
    private_notes_skipped: 0,
    encounters: noWrites(),
    csat_pages: 0,
    csat_responses: 0,
    csat_skipped: 0,
    answers: noWrites(),
    requests: 0,
    rate_limited: 0,
    waited_seconds: 0,
  };
  const now = () => new Date().toISOString();

  // Inbox names: the webhook's message carries its inbox, the listed conversation only its id.
  const inboxes = new Map<string, string>();
  if (!plan.mapping.team) {
    for (const i of parseVendor("Chatwoot", inboxList, await get("/inboxes"), "inbox list").payload) {
      inboxes.set(String(i.id), i.name);
    }
  }

  // Conversations stored open before: read again, so one resolved since is closed and analysed.
  const openSaved = openCursor.safeParse(await cursors.get(view.id, "open_conversations"));
  const stillOpen = new Set(openSaved.success ? openSaved.data.ids : []);
  const saveOpen = () => cursors.save(view.id, "open_conversations", { ids: [...stillOpen] }, now());
  if (stillOpen.size > 0) {
    log(`open conversations: reading ${stillOpen.size} again`);
    const again: ListedConversation[] = [];
    for (const cid of [...stillOpen]) {
      const body = await client.get(`/api/v1/accounts/${plan.accountId}/conversations/${cid}`, true, "null");
      if (body === null)
        stillOpen.delete(cid); // deleted in Chatwoot: what was stored stays
      else again.push(parseVendor("Chatwoot", conversationShape, body, "conversation"));
    }
    summary.open_revisited = again.length;
    await storeConversations(again);
    await saveOpen();
  }

  const saved = conversationCursor.safeParse(await cursors.get(view.id, "conversations"));
  summary.resumed = saved.success;
  let page = saved.success ? saved.data.page : 1;
  log(saved.success ? `conversations: resuming at page ${page}` : "conversations: starting at page 1");
  for (; ; page++) {
    const body = await get(`/conversations?status=all&assignee_type=all&sort_by=created_at_asc&page=${page}`);
    const listed = parseVendor("Chatwoot", conversationPage, body, "conversation list").data.payload;
    if (listed.length === 0) {
      // The end: the next run starts again at the last page, where new conversations are added.
      if (page > 1) await cursors.save(view.id, "conversations", { page: page - 1 }, now());
      break;
    }
    summary.conversation_pages++;
    summary.conversations += listed.length;
    const written = await storeConversations(listed);
    await saveOpen();
    // Only now, with the page's records stored, does the cursor move past it.
    await cursors.save(view.id, "conversations", { page: page + 1 }, now());
    log(
      `conversations page ${page}: ${listed.length} conversations, ${written} encounters written; cursor saved`,
    );
  }

  // CSAT survey responses: within a run by page, from run to run since the newest one seen.
  const kept = csatCursor.safeParse(await cursors.get(view.id, "csat_survey_responses"));
  const since = kept.success ? kept.data.since : undefined;
  let newest = since ?? 0;
  for (let csat = kept.success ? kept.data.page : 1; ; csat++) {
    // Chatwoot's date filter needs both ends; a day ahead keeps clock skew out of it.
    const range =
      since !== undefined ? `&since=${since}&until=${Math.floor(Date.now() / 1000) + 86_400}` : "";
    const body = await get(`/csat_survey_responses?sort=created_at&page=${csat}${range}`);
    const responses = parseVendor("Chatwoot", csatPage, body, "CSAT survey responses");
    if (responses.length === 0) {
      await cursors.save(
        view.id,
        "csat_survey_responses",
        newest ? { page: 1, since: newest } : { page: 1 },
        now(),
      );
      break;
    }
    summary.csat_pages++;
    const items: Record<string, unknown>[] = [];
    for (const r of responses) {
      summary.csat_responses++;
      const at =
        typeof r.created_at === "number" ? r.created_at : Math.floor(Date.parse(r.created_at) / 1000);
      if (Number.isFinite(at)) newest = Math.max(newest, at);
      const action = chatwootAction(csatDelivery(r), plan.mapping, now());
      if (action.type !== "csat") {
        summary.csat_skipped++;
        continue;
      }
      // The response names no inbox: the team is the one its conversation was stored with.
      const team = action.fields.team ?? (await ctx.store.encounters.get(action.encounterId))?.team;
      items.push(csatAnswer({ ...action, fields: { ...action.fields, ...(team ? { team } : {}) } }));
    }
    await writePage(writeCtx, "responses", items, summary.answers);
    await cursors.save(
      view.id,
      "csat_survey_responses",
      { page: csat + 1, ...(since !== undefined ? { since } : {}) },
      now(),
    );
    log(`CSAT page ${csat}: ${responses.length} responses, ${items.length} answers written`);
  }
  summary.requests = client.counts.requests;
  summary.rate_limited = client.counts.rateLimited;
  summary.waited_seconds = client.counts.waitedSeconds;
  return summary;

  /**
   * Conversations → encounters: closed ones analysed now, open ones stored as the webhook stores
   * them, unanalysed, and remembered in `stillOpen` (saved by the caller after this write).
   */
  async function storeConversations(conversations: ListedConversation[]): Promise<number> {
    const resolved: Record<string, unknown>[] = [];
    const open: Record<string, unknown>[] = [];
    for (const conversation of conversations) {
      const inbox = inboxes.get(String(conversation.inbox_id));
      const item = await conversationItem(conversation, inbox, summary);
      const cid = String(conversation.id);
      if (item?.resolved !== true && conversation.status !== "resolved") stillOpen.add(cid);
      else stillOpen.delete(cid);
      if (!item) summary.conversations_without_turns++;
      else if (item.resolved === true) resolved.push(item);
      else open.push(item);
    }
    summary.resolved += resolved.length;
    summary.open += open.length;
    await writePage(writeCtx, "encounters", resolved, summary.encounters);
    await writePage(writeCtx, "encounters", open, summary.encounters, { ...ctx.pipeline, analyzer: null });
    return resolved.length + open.length;
  }

  /** One conversation → its encounter item (undefined without a turn), every message read. */
  async function conversationItem(
    conversation: ListedConversation,
    inboxName: string | undefined,
    counts: ChatwootPullSummary,
  ) {
    const messages = await allMessages(get, conversation.id);
    const inbox = inboxName ? { id: conversation.inbox_id, name: inboxName } : null;
    const turns = [];
    for (const message of messages) {
      counts.messages++;
      if (message.private) counts.private_notes_skipped++;
      const action = chatwootAction(
        { ...message, event: "message_created", inbox, conversation },
        plan.mapping,
        now(),
      );
      if (action.type === "turn") turns.push(action);
    }
    const status = chatwootAction(
      { ...conversation, event: "conversation_status_changed" },
      plan.mapping,
      now(),
    );
    return conversationEncounter(turns, status.type === "resolve" ? status : null);
  }
}
