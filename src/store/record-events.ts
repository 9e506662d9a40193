import type { Kysely, Transaction } from "kysely";
import type { RecordKind, RecordOfKind } from "../domain/index.ts";
import {
  encounterPath,
  type NotificationEvent,
  type NotificationEventType,
  type NotificationPayload,
} from "../domain/notification-events.ts";
import { analysisFacts, parseThemeCodes } from "./analysis-facts.ts";
import type { AnalysisRecord } from "./analysis-repository.ts";
import { writeOutboxEvents } from "./outbox-writer.ts";
import type { Database } from "./schema.ts";

type Db = Transaction<Database> | Kysely<Database>;

/** The record kinds that have record events, and the table each is stored in. */
const EVENT_TABLES = { encounters: "encounters", responses: "survey_responses" } as const;
type EventKind = keyof typeof EVENT_TABLES;
const CHUNK = 5_000;

/**
 * The event types at least one enabled webhook subscribes to. Read once per batch (the table holds
 * a handful of rows), so that record events, which can number a million in one import, are written
 * to the outbox only when somebody wants them.
 */
export async function subscribedEventTypes(db: Db): Promise<Set<NotificationEventType>> {
  const rows = await db.selectFrom("webhooks").select("events").where("enabled", "=", 1).execute();
  return new Set(rows.flatMap((r) => JSON.parse(r.events) as NotificationEventType[]));
}

/**
 * `record.stored` for one batch of a writeBatch: `prepare` runs before the upsert (it must know
 * which ids were stored before, to tell created from updated; nothing is read when nobody
 * subscribes), `write` after it, with the ids actually written, in the same transaction.
 */
export class RecordStoredEvents {
  private constructor(
    private readonly kind: EventKind | null,
    private readonly existing: Set<string>,
  ) {}

  static async prepare<K extends RecordKind>(
    trx: Db,
    kind: K,
    records: readonly RecordOfKind[K][],
    subscribed: ReadonlySet<NotificationEventType>,
  ): Promise<RecordStoredEvents> {
    if (!subscribed.has("record.stored") || !(kind in EVENT_TABLES)) {
      return new RecordStoredEvents(null, new Set());
    }
    const eventKind = kind as EventKind;
    const ids = [...new Set(records.map((r) => (r as { id: string }).id))];
    const existing = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await trx
        .selectFrom(EVENT_TABLES[eventKind])
        .select("id")
        .where("id", "in", ids.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) existing.add(r.id);
    }
    return new RecordStoredEvents(eventKind, existing);
  }

  async write<K extends RecordKind>(
    trx: Db,
    records: readonly RecordOfKind[K][],
    writtenIds: readonly string[],
    now: string,
  ): Promise<void> {
    if (!this.kind || writtenIds.length === 0) return;
    const written = new Set(writtenIds);
    // The last record of an id is what was stored (a batch may repeat an id: the later one wins).
    const latest = new Map<string, RecordOfKind["encounters"] | RecordOfKind["responses"]>();
    for (const r of records as readonly unknown[] as readonly (
      | RecordOfKind["encounters"]
      | RecordOfKind["responses"]
    )[]) {
      if (written.has(r.id)) latest.set(r.id, r);
    }
    const events: NotificationEvent[] = [];
    for (const [id, r] of latest) {
      events.push({ type: "record.stored", payload: this.payload(id, r) });
    }
    await writeOutboxEvents(trx, events, now);
  }

  private payload(
    id: string,
    r: RecordOfKind["encounters"] | RecordOfKind["responses"],
  ): NotificationPayload<"record.stored"> {
    const change: "created" | "updated" = this.existing.has(id) ? "updated" : "created";
    const common = {
      id,
      change,
      team: r.team ?? null,
      channel: r.channel ?? null,
      touchpoint: r.touchpoint ?? null,
    };
    if (this.kind === "encounters") {
      return {
        ...common,
        kind: "encounter",
        survey: null,
        path: encounterPath(id),
        api_path: `/api/v1/encounters/${encodeURIComponent(id)}`,
      };
    }
    const answer = r as RecordOfKind["responses"];
    return {
      ...common,
      kind: "response",
      survey: { kind: answer.kind, score: answer.score },
      path: answer.encounterId ? encounterPath(answer.encounterId) : null,
      api_path: `/api/v1/responses/${encodeURIComponent(id)}`,
    };
  }
}

const POLARITY = { "-1": "negative", "0": "neutral", "1": "positive" } as const;

/**
 * `record.analysed` for analyses just stored, in the caller's transaction; only encounters and
 * answers (a team pulse comment is no record of a customer). The payload carries the analysis's
 * facts (tone, themes), never the text.
 */
export async function writeRecordAnalysedEvents(
  trx: Db,
  analyses: readonly AnalysisRecord[],
  subscribed: ReadonlySet<NotificationEventType>,
  now: string,
): Promise<void> {
  if (!subscribed.has("record.analysed")) return;
  const events: NotificationEvent[] = [];
  const answers = analyses.filter((a) => a.subjectKind === "response").map((a) => a.subjectId);
  const encounterOfAnswer = new Map<string, string | null>();
  for (let i = 0; i < answers.length; i += CHUNK) {
    const rows = await trx
      .selectFrom("survey_responses")
      .select(["id", "encounter_id"])
      .where("id", "in", answers.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) encounterOfAnswer.set(r.id, r.encounter_id);
  }
  for (const a of analyses) {
    if (a.subjectKind === "pulse") continue;
    const facts = analysisFacts(a.subjectKind, a.result);
    const encounter = a.subjectKind === "encounter";
    const linked = encounter ? a.subjectId : (encounterOfAnswer.get(a.subjectId) ?? null);
    events.push({
      type: "record.analysed",
      payload: {
        kind: a.subjectKind,
        id: a.subjectId,
        analyzer_version: a.analyzerVersion,
        tone: { label: facts.toneLabel, score: facts.toneScore },
        themes: parseThemeCodes(facts.themeCodes).map(([id, polarity]) => ({
          id,
          polarity: POLARITY[String(polarity) as keyof typeof POLARITY] ?? "neutral",
        })),
        path: linked ? encounterPath(linked) : null,
        api_path: `/api/v1/${encounter ? "encounters" : "responses"}/${encodeURIComponent(a.subjectId)}`,
      },
    });
  }
  await writeOutboxEvents(trx, events, now);
}
