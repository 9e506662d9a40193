import { z } from "zod";
import { type ChatwootMapping, chatwootMapping } from "./chatwoot.ts";
import { type Ignored, ignored } from "./ignore-reasons.ts";

/**
 * Zendesk tickets → encounters and satisfaction ratings → CSAT answers, as batch API items. Pure.
 *
 * Shapes from Zendesk's API reference: a ticket (`id`, `created_at`, `updated_at`, `status`,
 * `requester_id`, `assignee_id`, `group_id`, `via.channel`) from the incremental ticket export; its
 * comments (`id`, `author_id`, `public`, `plain_body` / `body`, `created_at`) from List Comments,
 * whose `include=users` side-load gives each author's `role` (end-user | agent | admin); a legacy
 * CSAT satisfaction rating (`id`, `ticket_id`, `score` good | bad | offered | unoffered, `comment`,
 * `created_at`, `updated_at`, `assignee_id`, `group_id`, `requester_id`).
 *
 * Speakers: the requester and other end-users → customer, agents and admins → agent, Zendesk's own
 * system author (id -1, or unknown and not positive) → bot. Private comments (`public: false`,
 * internal notes) are never stored, not even as empty turns.
 *
 * CSAT scale: Zendesk's legacy rating is two-valued, Kohtaamo's CSAT is 1–5 (domain/records.ts), so
 * good → 5 and bad → 1, the ends of the scale: a "good" is a satisfied customer (top box, counted
 * in CSAT % as 4–5 is), a "bad" a dissatisfied one (caught by the csat_low case rule, score ≤ 2).
 * Ratings only offered, not answered, are not answers and are skipped. One answer per ticket, id
 * `<encounter id>-csat` (as Chatwoot's): the webhook and the pull write the same record.
 */

/**
 * The same mapping as a Chatwoot conversation's: `id_prefix` (default `zendesk-`, then the ticket
 * id; distinct per Zendesk account), a fixed `team` (default: the ticket's group name) and a fixed
 * `channel` (default: from the ticket's `via.channel`).
 */
export const zendeskMapping = chatwootMapping;
export type ZendeskMapping = ChatwootMapping;

/** Good and bad: the two answered values of Zendesk's legacy satisfaction rating, on CSAT 1–5. */
export const CSAT_OF_RATING: Readonly<Record<string, number>> = { good: 5, bad: 1 };

const zid = z.union([z.number(), z.string().regex(/^-?\d+$/)]).transform(String);
const time = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "must be a time");

export const ticketShape = z
  .object({
    id: zid,
    created_at: time,
    updated_at: time.nullish(),
    status: z.string().nullish(),
    requester_id: zid.nullish(),
    assignee_id: zid.nullish(),
    group_id: zid.nullish(),
    via: z
      .object({ channel: z.union([z.string(), z.number()]).nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();
export type ZendeskTicket = z.infer<typeof ticketShape>;

export const commentShape = z
  .object({
    id: zid,
    author_id: zid.nullish(),
    public: z.boolean().optional(),
    plain_body: z.string().nullish(),
    body: z.string().nullish(),
    created_at: time,
  })
  .passthrough();
export type ZendeskComment = z.infer<typeof commentShape>;

export const userShape = z
  .object({ id: zid, name: z.string().nullish(), role: z.string().nullish() })
  .passthrough();
export type ZendeskUser = z.infer<typeof userShape>;

export const ratingShape = z
  .object({
    id: zid.nullish(),
    ticket_id: zid,
    score: z.string(),
    comment: z.string().nullish(),
    created_at: time.nullish(),
    updated_at: time.nullish(),
    assignee_id: zid.nullish(),
    group_id: zid.nullish(),
    requester_id: zid.nullish(),
  })
  .passthrough();
export type ZendeskRating = z.infer<typeof ratingShape>;

/** Names the pull learned: users by id (side-loaded with comments) and groups by id. */
export interface ZendeskNames {
  users: ReadonlyMap<string, ZendeskUser>;
  groups: ReadonlyMap<string, string>;
}

/** A webhook delivery knows no names: teams and agents come with the pull. */
export const NO_NAMES: ZendeskNames = { users: new Map(), groups: new Map() };

/** Zendesk's `via.channel` → Kohtaamo's channel; any other source reads as e-mail-like tickets. */
const CHANNEL_OF_VIA: Readonly<Record<string, string>> = {
  email: "email",
  web: "email",
  api: "email",
  chat: "chat",
  native_messaging: "chat",
  messaging: "chat",
  web_widget: "chat",
  mobile_sdk: "chat",
  voice: "phone",
  phone: "phone",
  twitter: "social",
  facebook: "social",
  instagram_dm: "social",
  whatsapp: "social",
  help_center: "self_service",
};

export function ticketChannel(mapping: ZendeskMapping, via: unknown): string {
  return mapping.channel ?? CHANNEL_OF_VIA[String(via ?? "")] ?? "email";
}

export function encounterIdOf(mapping: ZendeskMapping, ticketId: string): string {
  return `${mapping.id_prefix ?? "zendesk-"}${ticketId}`;
}

/**
 * One ticket and its comments (in any order) → an encounter item with a turn per public comment
 * with text, or null when it has none (a ticket of internal notes only stores nothing).
 */
export function ticketEncounter(
  ticket: ZendeskTicket,
  comments: readonly ZendeskComment[],
  names: ZendeskNames,
  mapping: ZendeskMapping,
): Record<string, unknown> | null {
  const spoken = comments
    .filter((c) => c.public !== false)
    .map((c) => ({ c, text: (c.plain_body ?? c.body ?? "").trim(), ms: Date.parse(c.created_at) }))
    .filter((t) => t.text !== "")
    .sort((a, b) => a.ms - b.ms || Number(a.c.id) - Number(b.c.id));
  if (spoken.length === 0) return null;
  const start = Math.min(Date.parse(ticket.created_at), ...spoken.map((t) => t.ms));
  const closed = ticket.status === "solved" || ticket.status === "closed";
  const end = closed && ticket.updated_at ? Math.max(Date.parse(ticket.updated_at), start) : null;
  const fields = ticketFields(ticket, names, mapping);
  return {
    id: encounterIdOf(mapping, ticket.id),
    channel: fields.channel,
    started_at: new Date(start).toISOString(),
    ...(end !== null ? { ended_at: new Date(end).toISOString(), resolved: true } : {}),
    ...(fields.team ? { team: fields.team } : {}),
    ...(fields.agent ? { agent: fields.agent } : {}),
    ...(fields.customerId ? { customer_id: fields.customerId } : {}),
    turns: spoken.map((t) => ({
      speaker: speakerOf(t.c, ticket, names),
      text: t.text,
      at: (t.ms - start) / 1000,
    })),
  };
}

function speakerOf(comment: ZendeskComment, ticket: ZendeskTicket, names: ZendeskNames): string {
  const author = comment.author_id ?? null;
  if (author !== null && author === ticket.requester_id) return "customer";
  const role = author !== null ? names.users.get(author)?.role : undefined;
  if (role === "end-user") return "customer";
  if (role === "agent" || role === "admin") return "agent";
  // Unknown authors: Zendesk's system user (-1) is automation, anyone else speaks for the company.
  return author === null || Number(author) <= 0 ? "bot" : "agent";
}

interface TicketFields {
  channel: string;
  team?: string;
  agent?: string;
  customerId?: string;
}

function ticketFields(
  ticket: Pick<ZendeskTicket, "group_id" | "assignee_id" | "requester_id"> & { via?: ZendeskTicket["via"] },
  names: ZendeskNames,
  mapping: ZendeskMapping,
): TicketFields {
  const channel = ticketChannel(mapping, ticket.via?.channel);
  const team = mapping.team ?? (ticket.group_id ? names.groups.get(ticket.group_id) : undefined);
  const agent = ticket.assignee_id ? names.users.get(ticket.assignee_id)?.name : undefined;
  return {
    channel,
    ...(team ? { team } : {}),
    ...(agent ? { agent } : {}),
    ...(ticket.requester_id ? { customerId: `zendesk-user-${ticket.requester_id}` } : {}),
  };
}

/** A satisfaction rating → a CSAT answer item linked to its ticket's encounter, or why it is skipped. */
export function ratingAnswer(
  rating: ZendeskRating,
  names: ZendeskNames,
  mapping: ZendeskMapping,
  nowIso: string,
): { item: Record<string, unknown> } | { skipped: Ignored } {
  // The API says good | bad (| good_with_comment in filters); a trigger's text "Good, I'm satisfied".
  const word = /^(good|bad)\b|^(good|bad)_/i.exec(rating.score.trim());
  const score = CSAT_OF_RATING[(word?.[1] ?? word?.[2] ?? "").toLowerCase()];
  if (score === undefined) {
    const word = rating.score.slice(0, 40);
    return { skipped: ignored("rating.not_an_answer", `rating ${word} is not an answer`, { score: word }) };
  }
  const encounterId = encounterIdOf(mapping, rating.ticket_id);
  const fields = ticketFields(rating, names, mapping);
  const comment = rating.comment?.trim();
  return {
    item: {
      id: `${encounterId}-csat`,
      kind: "csat",
      score,
      answered_at: new Date(Date.parse(rating.updated_at ?? rating.created_at ?? nowIso)).toISOString(),
      encounter_id: encounterId,
      channel: fields.channel,
      ...(comment ? { comment } : {}),
      ...(fields.team ? { team: fields.team } : {}),
      ...(fields.agent ? { agent: fields.agent } : {}),
      ...(fields.customerId ? { customer_id: fields.customerId } : {}),
    },
  };
}
