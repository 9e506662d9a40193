import type { FieldProblem, RecordKind } from "../../domain/index.ts";
import { RECORD_KINDS } from "../../domain/index.ts";
import type { Store } from "../../store/index.ts";
import type { IntegrationView, StreamCounts } from "../../store/integration-repository.ts";
import { acceptBatch } from "../batch-intake.ts";
import type { IngestPipeline } from "../ingest-pipeline.ts";
import { normalizeJsonRecord } from "../jsonl-items.ts";
import { chatwootAction, chatwootMapping } from "./chatwoot.ts";
import { csatAnswer, encounterWithTurn, resolvedEncounter } from "./chatwoot-conversation.ts";
import { formbricksAnswers, formbricksMapping } from "./formbricks.ts";
import { type IgnoreCode, type Ignored, ignored } from "./ignore-reasons.ts";
import { zendeskAction } from "./zendesk.ts";
import { NO_NAMES, ratingAnswer, zendeskMapping } from "./zendesk-records.ts";

/**
 * A verified delivery's payload → records, written through the batch API's path (acceptBatch:
 * the importers' validation, then writeThroughPipeline's redaction, idempotent upsert and
 * analysis). Answers what came of it (in English, and counted per record kind when stored; when
 * ignored, with the reason's stable code and parameters), or the problems that refused it (no record
 * written).
 */
export type IntakeResult =
  | { ok: true; status: "stored"; event: string; detail: string; counts: StreamCounts }
  | {
      ok: true;
      status: "ignored";
      event: string;
      detail: string;
      code: IgnoreCode;
      params: Record<string, string>;
    }
  | { ok: false; event: string; problems: FieldProblem[] };

export interface IntakeContext {
  store: Store;
  pipeline: IngestPipeline;
  timeZone: string;
  now: string;
  /** Runs `fn` holding a lease on `key` across processes (IntegrationRepository.withLease). */
  lease: <T>(key: string, fn: () => Promise<T>) => Promise<T>;
}

export async function takeIn(
  integration: IntegrationView,
  payload: unknown,
  ctx: IntakeContext,
): Promise<IntakeResult> {
  switch (integration.kind) {
    case "formbricks":
      return formbricks(integration, payload, ctx);
    case "chatwoot":
      return chatwoot(integration, payload, ctx);
    case "webhook":
      return generic(payload, ctx);
    case "zendesk":
      return zendesk(integration, payload, ctx);
  }
}

async function formbricks(
  integration: IntegrationView,
  payload: unknown,
  ctx: IntakeContext,
): Promise<IntakeResult> {
  const event = eventOf(payload);
  const mapping = formbricksMapping.safeParse(integration.mapping);
  if (!mapping.success) return mappingProblem(event, mapping.error.issues);
  const answers = formbricksAnswers(payload, mapping.data);
  if (!answers.ok) return { ok: false, event, problems: answers.problems };
  if (answers.skipped) return skipped(event, answers.skipped);
  return write("responses", answers.items, answers.event, ctx, ctx.pipeline);
}

async function chatwoot(
  integration: IntegrationView,
  payload: unknown,
  ctx: IntakeContext,
): Promise<IntakeResult> {
  const event = eventOf(payload);
  const mapping = chatwootMapping.safeParse(integration.mapping);
  if (!mapping.success) return mappingProblem(event, mapping.error.issues);
  const action = chatwootAction(payload, mapping.data, ctx.now);
  if (action.type === "ignore") return skipped(event, action);
  if (action.type === "csat") return write("responses", [csatAnswer(action)], event, ctx, ctx.pipeline);
  // Turns of one conversation are read, extended and written one delivery at a time, in any process.
  return ctx.lease(action.encounterId, async (): Promise<IntakeResult> => {
    const stored = await ctx.store.encounters.get(action.encounterId);
    if (action.type === "resolve") {
      const item = resolvedEncounter(stored, action);
      if (!item)
        return skipped(
          event,
          ignored("conversation.nothing_stored", "no message of this conversation was stored"),
        );
      // Closed: analysed now, with every turn it had.
      return write("encounters", [item], event, ctx, ctx.pipeline);
    }
    // Open: stored turn by turn, analysed once resolved.
    return write("encounters", [encounterWithTurn(stored, action)], event, ctx, {
      ...ctx.pipeline,
      analyzer: null,
    });
  });
}

/** Zendesk: a new ticket (ticket.created event) or a satisfaction rating (a trigger's body). */
async function zendesk(
  integration: IntegrationView,
  payload: unknown,
  ctx: IntakeContext,
): Promise<IntakeResult> {
  const type = (payload as { type?: unknown } | null)?.type;
  const event = typeof type === "string" ? type.slice(0, 100) : "satisfaction_rating";
  const mapping = zendeskMapping.safeParse(integration.mapping);
  if (!mapping.success) return mappingProblem(event, mapping.error.issues);
  const action = zendeskAction(payload, mapping.data);
  if (action.type === "ignore") return skipped(event, action);
  if (action.type === "rating") {
    const answer = ratingAnswer(action.rating, NO_NAMES, mapping.data, ctx.now);
    if ("skipped" in answer) return skipped(event, answer.skipped);
    return write("responses", [answer.item], event, ctx, ctx.pipeline);
  }
  // The event carries the description only: a ticket stored before (by the pull) keeps its turns.
  if (await ctx.store.encounters.get(action.encounterId)) {
    return skipped(
      event,
      ignored("ticket.stored_before", "ticket stored before; the pull brings its comments"),
    );
  }
  return write("encounters", [action.item], event, ctx, ctx.pipeline);
}

/** A generic signed webhook: `{ kind: "responses" | "encounters" | …, items: [batch API items] }`. */
async function generic(payload: unknown, ctx: IntakeContext): Promise<IntakeResult> {
  const body = payload as { kind?: unknown; items?: unknown } | null;
  const kind = body?.kind;
  if (typeof kind !== "string" || !(RECORD_KINDS as readonly string[]).includes(kind)) {
    return {
      ok: false,
      event: "webhook",
      problems: [{ field: "kind", reason: `must be one of ${RECORD_KINDS.join(", ")}` }],
    };
  }
  if (!Array.isArray(body?.items)) {
    return { ok: false, event: kind, problems: [{ field: "items", reason: "must be a list of records" }] };
  }
  return write(kind as RecordKind, body.items as Record<string, unknown>[], kind, ctx, ctx.pipeline);
}

async function write(
  kind: RecordKind,
  items: Record<string, unknown>[],
  event: string,
  ctx: IntakeContext,
  pipeline: IngestPipeline,
): Promise<IntakeResult> {
  // All or nothing: a delivery with one invalid record stores none of them, so the vendor's retry
  // (or a corrected resend under the same delivery id) is taken in whole.
  const problems = items.flatMap((item, index) => {
    const parsed = normalizeJsonRecord(kind, item, { timeZone: ctx.timeZone });
    if (parsed.ok) return [];
    return parsed.problems.map((p) => ({
      field: items.length > 1 ? `items[${index}].${p.field}` : p.field,
      reason: p.reason,
    }));
  });
  if (problems.length > 0) return { ok: false, event, problems };
  const result = await acceptBatch(ctx.store, kind, items, { timeZone: ctx.timeZone, pipeline });
  // What is left in errors are earlier items repeated by a later one of the same id (the later is stored).
  const superseded = result.errors.length > 0 ? `, ${result.errors.length} superseded by a later item` : "";
  const detail = `${kind}: ${result.imported} new, ${result.updated} updated, ${result.unchanged} unchanged${superseded}`;
  // Superseded items are not refusals (the later item of the id is stored): the detail alone tells them.
  const counts = {
    [kind]: { new: result.imported, updated: result.updated, unchanged: result.unchanged, rejected: 0 },
  };
  return { ok: true, status: "stored", event, detail, counts };
}

function skipped(event: string, why: Ignored): IntakeResult {
  return { ok: true, status: "ignored", event, detail: why.reason, code: why.code, params: why.params };
}

function eventOf(payload: unknown): string {
  const event = (payload as { event?: unknown } | null)?.event;
  return typeof event === "string" ? event.slice(0, 100) : "(none)";
}

function mappingProblem(event: string, issues: { path: PropertyKey[]; message: string }[]): IntakeResult {
  return {
    ok: false,
    event,
    problems: issues.map((i) => ({ field: ["mapping", ...i.path.map(String)].join("."), reason: i.message })),
  };
}
