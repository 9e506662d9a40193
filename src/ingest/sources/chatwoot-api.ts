import { z } from "zod";
import { parseVendor } from "./pull-batch.ts";
import { VendorApiClient } from "./vendor-api-client.ts";

/**
 * Chatwoot's application API as the pull (chatwoot-pull.ts) reads it: `api_access_token` on the
 * shared paced client, the documented shapes of its answers (only what the pull relies on is
 * checked; the rest passes through to the webhook mapping), every message of a conversation, and
 * a CSAT survey response as the `message_updated` delivery of its `input_csat` message.
 */
export function chatwootClient(options: {
  baseUrl: string;
  apiToken: string;
  requestsPerMinute: number;
  log: (line: string) => void;
}): VendorApiClient {
  return new VendorApiClient({
    vendor: "Chatwoot",
    baseUrl: options.baseUrl,
    headers: { api_access_token: options.apiToken },
    requestsPerMinute: options.requestsPerMinute,
    authHint: "check settings.account_id and the api_token",
    log: options.log,
  });
}

const id = z.union([z.number(), z.string()]);
export const conversationShape = z.object({ id, inbox_id: id.nullish() }).passthrough();
export type ListedConversation = z.infer<typeof conversationShape>;
export const conversationPage = z.object({
  data: z.object({
    meta: z.object({ all_count: z.number().optional() }).passthrough().optional(),
    payload: z.array(conversationShape),
  }),
});
export const messagePage = z.object({
  payload: z.array(z.object({ id: z.number(), private: z.boolean().optional() }).passthrough()),
});
export const csatPage = z.array(
  z
    .object({
      id,
      rating: z.unknown(),
      feedback_message: z.string().nullish(),
      message_id: id.nullish(),
      conversation_id: id,
      contact: z.object({ id }).passthrough().nullish(),
      assigned_agent: z.object({ id, name: z.string().nullish() }).passthrough().nullish(),
      created_at: z.union([z.number(), z.string()]),
    })
    .passthrough(),
);
export const inboxList = z.object({ payload: z.array(z.object({ id, name: z.string() }).passthrough()) });

/** A CSAT survey response → the `message_updated` delivery Chatwoot's webhook sends for it. */
export function csatDelivery(r: z.infer<typeof csatPage>[number]): Record<string, unknown> {
  return {
    event: "message_updated",
    id: r.message_id ?? `csat-${r.id}`,
    created_at: r.created_at,
    message_type: "template",
    content_type: "input_csat",
    content_attributes: {
      submitted_values: { csat_survey_response: { rating: r.rating, feedback_message: r.feedback_message } },
    },
    conversation: { id: r.conversation_id, meta: { sender: r.contact, assignee: r.assigned_agent } },
  };
}

/** Every message of a conversation: the latest page, then `before` the oldest id until none is left. */
export async function allMessages(get: (path: string) => Promise<unknown>, conversationId: string | number) {
  const all: z.infer<typeof messagePage>["payload"] = [];
  let before: number | null = null;
  for (;;) {
    const query: string = before === null ? "" : `?before=${before}`;
    const body = await get(`/conversations/${conversationId}/messages${query}`);
    const { payload } = parseVendor("Chatwoot", messagePage, body, "message list");
    if (payload.length === 0) break;
    all.push(...payload);
    const oldest = Math.min(...payload.map((m) => m.id));
    if (before !== null && oldest >= before) break;
    before = oldest;
  }
  // Oldest first; the encounter orders its turns by time anyway.
  return all.sort((a, b) => a.id - b.id);
}
