import { z } from "zod";
import { IntegrationCursorRepository } from "../../store/integration-cursor-repository.ts";
import type { IntegrationForHook } from "../../store/integration-repository.ts";
import {
  noWrites,
  type PullContext,
  parseVendor,
  pullProblem as problem,
  pullBasics,
  type WriteCounts,
  writePage,
} from "./pull-batch.ts";
import { type ZendeskSettings, zendeskSettings } from "./zendesk.ts";
import { ZendeskClient } from "./zendesk-api.ts";
import {
  commentShape,
  ratingAnswer,
  ratingShape,
  ticketEncounter,
  ticketShape,
  userShape,
  type ZendeskComment,
  type ZendeskMapping,
  type ZendeskNames,
  type ZendeskUser,
  zendeskMapping,
} from "./zendesk-records.ts";

/**
 * The Zendesk pull (issue 15 item 4): tickets by the incremental cursor export
 * (`/api/v2/incremental/tickets/cursor.json`, `start_time` the first time, then `cursor` =
 * the saved `after_cursor`, until `end_of_stream`), each ticket's comments (List Comments, cursor
 * paged, authors side-loaded) → one encounter per ticket; then satisfaction ratings (cursor paged,
 * `start_time` from the last run) → CSAT answers. Records go through the batch API's path
 * (acceptBatch: validation, redaction, idempotent upsert by id, analysis).
 *
 * Resuming: each page's records are stored first and its cursor saved after
 * (integration_cursors, migration 0018). Killed between the two, the next run reads that page
 * again and its records upsert to the same ids (unchanged): nothing is lost, nothing doubled.
 */
export type ZendeskPullContext = PullContext;

export interface ZendeskPullSummary {
  integration: string;
  resumed: boolean;
  ticket_pages: number;
  tickets: number;
  tickets_without_public_comments: number;
  public_comments: number;
  private_comments_skipped: number;
  encounters: WriteCounts;
  rating_pages: number;
  ratings: number;
  ratings_skipped: number;
  answers: WriteCounts;
  requests: number;
  rate_limited: number;
  waited_seconds: number;
}

const ticketPage = z.object({
  tickets: z.array(z.unknown()),
  after_cursor: z.string().nullish(),
  end_of_stream: z.boolean(),
});
const cursorPage = z.object({
  meta: z.object({ has_more: z.boolean(), after_cursor: z.string().nullish() }).passthrough().optional(),
  users: z.array(z.unknown()).optional(),
});
const ticketCursor = z.object({ after_cursor: z.string() });
const ratingCursor = z.object({ after: z.string().optional(), since: z.number().int().optional() });

/** What a pull needs, checked before it starts: each missing piece is named by its field (400). */
export interface ZendeskPullPlan {
  baseUrl: string;
  email: string;
  apiToken: string;
  settings: ZendeskSettings;
  mapping: ZendeskMapping;
}

export function zendeskPullPlan(found: IntegrationForHook): ZendeskPullPlan {
  const { settings: s, mapping, secrets } = pullBasics(found, "zendesk", zendeskSettings, zendeskMapping);
  const baseUrl = s.base_url ?? (s.subdomain ? `https://${s.subdomain}.zendesk.com` : null);
  const missing = "pull.setting_missing";
  if (!baseUrl) throw problem("settings.subdomain", "is needed to pull (or settings.base_url)", missing);
  if (!s.email)
    throw problem("settings.email", "is needed to pull: the agent the API token belongs to", missing);
  if (!secrets.apiToken) {
    const reason = 'needs the API token to pull: {"api_token": "…", "signing_secret": "…"}';
    throw problem("secret", reason, "pull.token_missing");
  }
  return { baseUrl, email: s.email, apiToken: secrets.apiToken, settings: s, mapping };
}

export async function pullZendesk(
  found: IntegrationForHook,
  ctx: ZendeskPullContext,
): Promise<ZendeskPullSummary> {
  const { view } = found;
  const log = ctx.log ?? (() => {});
  const { baseUrl, email, apiToken, settings: s, mapping } = zendeskPullPlan(found);
  const client = new ZendeskClient({
    baseUrl,
    email,
    apiToken,
    requestsPerMinute: s.requests_per_minute ?? 10,
    log,
  });
  const cursors = new IntegrationCursorRepository(ctx.store.db);
  const users = new Map<string, ZendeskUser>();
  const names: ZendeskNames = { users, groups: await groupNames(client, mapping) };
  const summary: ZendeskPullSummary = {
    integration: view.id,
    resumed: false,
    ticket_pages: 0,
    tickets: 0,
    tickets_without_public_comments: 0,
    public_comments: 0,
    private_comments_skipped: 0,
    encounters: noWrites(),
    rating_pages: 0,
    ratings: 0,
    ratings_skipped: 0,
    answers: noWrites(),
    requests: 0,
    rate_limited: 0,
    waited_seconds: 0,
  };
  const write = (kind: "encounters" | "responses", items: Record<string, unknown>[], into: WriteCounts) =>
    writePage({ ...ctx, log }, kind, items, into);

  // Tickets, page by page of the incremental export.
  const saved = ticketCursor.safeParse(await cursors.get(view.id, "tickets"));
  summary.resumed = saved.success;
  let cursor = saved.success ? saved.data.after_cursor : null;
  const startTime = s.start_time ? Math.floor(Date.parse(s.start_time) / 1000) : 0;
  log(cursor ? `tickets: resuming from the saved cursor` : `tickets: starting at ${startTime}`);
  for (;;) {
    const query = cursor ? `cursor=${encodeURIComponent(cursor)}` : `start_time=${startTime}`;
    const page = parse(
      ticketPage,
      await client.get(
        `/api/v2/incremental/tickets/cursor.json?per_page=${s.page_size ?? 100}&${query}`,
        true,
      ),
      "incremental ticket export",
    );
    summary.ticket_pages++;
    const items: Record<string, unknown>[] = [];
    for (const raw of page.tickets) {
      const ticket = parse(ticketShape, raw, "ticket");
      summary.tickets++;
      if (ticket.status === "deleted") continue;
      const comments = await ticketComments(client, ticket.id, users);
      const publicCount = comments.filter((c) => c.public !== false).length;
      summary.public_comments += publicCount;
      summary.private_comments_skipped += comments.length - publicCount;
      const item = ticketEncounter(ticket, comments, names, mapping);
      if (item) items.push(item);
      else summary.tickets_without_public_comments++;
    }
    await write("encounters", items, summary.encounters);
    // Only now, with the page's records stored, does the cursor move past it.
    if (page.after_cursor) {
      await cursors.save(view.id, "tickets", { after_cursor: page.after_cursor }, new Date().toISOString());
      cursor = page.after_cursor;
    }
    log(
      `tickets page ${summary.ticket_pages}: ${page.tickets.length} tickets, ${items.length} encounters written; cursor saved`,
    );
    if (page.end_of_stream || !page.after_cursor) break;
  }

  // Satisfaction ratings: within a run by cursor, from run to run by start_time.
  const kept = ratingCursor.safeParse((await cursors.get(view.id, "satisfaction_ratings")) ?? {});
  const state = kept.success ? kept.data : {};
  let newest = state.since ?? 0;
  let after = state.after;
  for (;;) {
    const query = [
      "page[size]=100",
      "score=received",
      ...(state.since ? [`start_time=${state.since}`] : []),
      ...(after ? [`page[after]=${encodeURIComponent(after)}`] : []),
    ].join("&");
    const body = await client.get(`/api/v2/satisfaction_ratings.json?${query}`);
    const page = parse(
      cursorPage.extend({ satisfaction_ratings: z.array(z.unknown()) }),
      body,
      "satisfaction ratings",
    );
    summary.rating_pages++;
    const items: Record<string, unknown>[] = [];
    for (const raw of page.satisfaction_ratings) {
      const rating = parse(ratingShape, raw, "satisfaction rating");
      summary.ratings++;
      const created = Date.parse(rating.created_at ?? "");
      if (!Number.isNaN(created)) newest = Math.max(newest, Math.floor(created / 1000));
      const answer = ratingAnswer(rating, names, mapping, new Date().toISOString());
      if ("item" in answer) items.push(answer.item);
      else summary.ratings_skipped++;
    }
    await write("responses", items, summary.answers);
    const more = page.meta?.has_more === true && !!page.meta.after_cursor;
    after = more ? (page.meta?.after_cursor ?? undefined) : undefined;
    const next = more ? { ...state, after } : { since: newest };
    await cursors.save(view.id, "satisfaction_ratings", next, new Date().toISOString());
    log(
      `ratings page ${summary.rating_pages}: ${page.satisfaction_ratings.length} ratings, ${items.length} answers written`,
    );
    if (!more) break;
  }
  summary.requests = client.counts.requests;
  summary.rate_limited = client.counts.rateLimited;
  summary.waited_seconds = client.counts.waitedSeconds;
  return summary;
}

/** Every comment of a ticket (List Comments, cursor paged), learning their authors on the way. */
async function ticketComments(
  client: ZendeskClient,
  ticketId: string,
  users: Map<string, ZendeskUser>,
): Promise<ZendeskComment[]> {
  const comments: ZendeskComment[] = [];
  const shape = cursorPage.extend({ comments: z.array(z.unknown()) });
  for await (const page of pages(client, `/api/v2/tickets/${ticketId}/comments.json?include=users&`, shape)) {
    for (const raw of page.users ?? []) {
      const user = userShape.safeParse(raw);
      if (user.success) users.set(user.data.id, user.data);
    }
    for (const raw of page.comments) comments.push(parse(commentShape, raw, "ticket comment"));
  }
  return comments;
}

/** Group names for teams (List Groups), unless the mapping names one team for all. */
async function groupNames(client: ZendeskClient, mapping: ZendeskMapping): Promise<Map<string, string>> {
  const groups = new Map<string, string>();
  if (mapping.team) return groups;
  const shape = cursorPage.extend({
    groups: z.array(z.object({ id: z.union([z.number(), z.string()]), name: z.string() }).passthrough()),
  });
  for await (const page of pages(client, "/api/v2/groups.json?", shape)) {
    for (const g of page.groups) groups.set(String(g.id), g.name);
  }
  return groups;
}

/** Every page of a cursor-paginated list (`page[size]`, `page[after]`, `meta.has_more`). */
async function* pages<T extends typeof cursorPage>(
  client: ZendeskClient,
  pathAndQuery: string,
  shape: T,
): AsyncGenerator<z.output<T>> {
  let after: string | null = null;
  for (;;) {
    const cursor: string = after ? `&page[after]=${encodeURIComponent(after)}` : "";
    const page: z.output<T> = parse(
      shape,
      await client.get(`${pathAndQuery}page[size]=100${cursor}`),
      pathAndQuery.split("?")[0] ?? "list",
    );
    yield page;
    if (!page.meta?.has_more || !page.meta.after_cursor) return;
    after = page.meta.after_cursor;
  }
}

function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  return parseVendor("Zendesk", schema, value, what);
}
