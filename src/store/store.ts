import { type Kysely, Migrator, sql, type Transaction } from "kysely";
import { type CaseRules, defaultCaseRules } from "../domain/case-rules.ts";
import type { RecordKind, RecordOfKind } from "../domain/index.ts";
import { AccessRepository } from "./access-repository.ts";
import { refreshAnswerEncounterFacts, refreshRepeatContacts } from "./analysis-facts.ts";
import { AnalysisQueueRepository } from "./analysis-queue-repository.ts";
import { type AnalysisRecord, AnalysisRepository, type AnalysisSubject } from "./analysis-repository.ts";
import { CaseKpiRepository } from "./case-kpi-repository.ts";
import { openCases } from "./case-opener.ts";
import { CaseRepository } from "./case-repository.ts";
import { CubeRepository } from "./cube-repository.ts";
import { openPostgres } from "./dialects/postgres-dialect.ts";
import { openSqlite } from "./dialects/sqlite-dialect.ts";
import type { BulkWriter, OpenedDatabase } from "./dialects/store-dialect.ts";
import { DirectoryRepository } from "./directory-repository.ts";
import { withCanonicalNames } from "./display-name-resolver.ts";
import { EncounterRepository } from "./encounter-repository.ts";
import { ImportFileRepository } from "./import-file-repository.ts";
import { ImportRunRepository, WebImportRunRepository } from "./import-run-repository.ts";
import { InsightRepository } from "./insight-repository.ts";
import { migrationProvider } from "./migrations/migration-list.ts";
import { PrivacyRepository } from "./privacy-repository.ts";
import { ReanalysisRepository } from "./reanalysis-repository.ts";
import { RecordStoredEvents, subscribedEventTypes, writeRecordAnalysedEvents } from "./record-events.ts";
import type { Database } from "./schema.ts";
import { InvitationRepository, PulseRepository, ResponseRepository } from "./survey-repositories.ts";
import { TaxonomyRepository } from "./taxonomy-repository.ts";
import { addCounts, emptyCounts, runsOfUniqueIds, type UpsertCounts } from "./upsert-batch.ts";

/**
 * A batch's analysis left to a job (KOHTAAMO_ANALYSIS=queue): called inside the write transaction
 * with the ids actually written, it marks them pending and enqueues their job there, so a crash
 * leaves either the records with their job or neither.
 */
export type DeferredAnalysis = {
  defer: (trx: Transaction<Database>, writtenIds: Set<string>, now: string) => Promise<void>;
};

export interface StoreOptions {
  /** postgres://… → PostgreSQL; otherwise the SQLite file. */
  databaseUrl?: string | undefined;
  sqliteFile: string;
  /** PostgreSQL schema to use (tests isolate themselves in one schema each). */
  searchPath?: string;
  /** The rules that open follow-up cases (config: KOHTAAMO_CASE_RULES); default: NPS 0–6 only. */
  caseRules?: CaseRules | undefined;
}

/** How a batch landed, and how many of its written records were too old for any case rule (case-opener.ts). */
export interface BatchCounts extends UpsertCounts {
  /** Answers or encounters older than every enabled rule's maxAgeDays: they opened no case. Absent for other kinds. */
  tooOldForCases?: number;
}

/** The database and one repository per aggregate. Open with openStore(), then migrate(). */
export class Store {
  readonly encounters: EncounterRepository;
  readonly responses: ResponseRepository;
  readonly invitations: InvitationRepository;
  readonly pulse: PulseRepository;
  readonly directory: DirectoryRepository;
  readonly analysis: AnalysisRepository;
  readonly runs: ImportRunRepository;
  /** Web imports' runs and their uploaded and rejects files (migration 0028). */
  readonly webImports: WebImportRunRepository;
  readonly importFiles: ImportFileRepository;
  readonly insights: InsightRepository;
  readonly cube: CubeRepository;
  readonly access: AccessRepository;
  readonly privacy: PrivacyRepository;
  readonly taxonomy: TaxonomyRepository;
  readonly reanalysis: ReanalysisRepository;
  readonly cases: CaseRepository;
  readonly caseKpis: CaseKpiRepository;
  readonly analysisQueue: AnalysisQueueRepository;

  constructor(
    readonly opened: OpenedDatabase,
    private readonly schema?: string,
    readonly caseRules: CaseRules = defaultCaseRules(),
  ) {
    const { db, dialect } = opened;
    this.encounters = new EncounterRepository(db, dialect);
    this.responses = new ResponseRepository(db, dialect);
    this.invitations = new InvitationRepository(db, dialect);
    this.pulse = new PulseRepository(db);
    this.directory = new DirectoryRepository(db);
    this.analysis = new AnalysisRepository(db);
    this.runs = new ImportRunRepository(db);
    this.webImports = new WebImportRunRepository(db);
    this.importFiles = new ImportFileRepository(db);
    this.insights = new InsightRepository(db, dialect);
    this.cube = new CubeRepository(db, dialect);
    this.access = new AccessRepository(db);
    this.privacy = new PrivacyRepository(db);
    this.taxonomy = new TaxonomyRepository(db);
    this.reanalysis = new ReanalysisRepository(db);
    this.cases = new CaseRepository(db);
    this.caseKpis = new CaseKpiRepository(db);
    this.analysisQueue = new AnalysisQueueRepository(db);
  }

  /**
   * The same database with other case rules (the demo's seeding: withoutCaseAgeLimit). Shares the
   * connection: close the store it came from, not this one.
   */
  withCaseRules(rules: CaseRules): Store {
    return new Store(this.opened, this.schema, rules);
  }

  get db() {
    return this.opened.db;
  }

  get dialect() {
    return this.opened.dialect;
  }

  /**
   * Runs pending migrations in order (up to `target` when given, for upgrade tests); Kysely's
   * migrator holds a lock so concurrent starts are safe.
   */
  async migrate(target?: string): Promise<string[]> {
    // Kysely looks for its migration tables in an explicit schema on PostgreSQL; use the
    // connection's current schema so a search_path set in DATABASE_URL is honoured.
    const schema =
      this.schema ??
      (this.dialect.name === "postgres"
        ? (await sql<{ s: string }>`select current_schema() as s`.execute(this.db)).rows[0]?.s
        : undefined);
    const migrator = new Migrator({
      db: this.db,
      provider: migrationProvider(this.dialect),
      // Numbers are handed out before work starts, so one can land after a later one (0020 after
      // 0021): a database that already ran the later one still runs the earlier, independent one.
      allowUnorderedMigrations: true,
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error, results } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === "Error");
      throw new Error(
        `Migration ${failed?.migrationName ?? "?"} failed on ${this.dialect.location}: ${String((error as Error).message ?? error)}`,
      );
    }
    return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /**
   * Writes one batch of validated records and their analysis in a single transaction: after a
   * crash either the whole batch is stored or none of it, and a re-run fills in the rest.
   * Referenced teams, agents and customers are created if unknown. Names (team, agent, channel,
   * touchpoint, segment) are stored in their canonical spelling (display-name-resolver.ts).
   */
  async writeBatch<K extends RecordKind>(
    kind: K,
    batch: RecordOfKind[K][],
    analyze?: ((writtenIds: Set<string>) => AnalysisRecord[]) | DeferredAnalysis,
  ): Promise<BatchCounts> {
    const now = new Date().toISOString();
    return this.dialect.bulkTransaction(this.db, async (trx, bulk) => {
      const records = await withCanonicalNames(trx, kind, batch);
      const teams = new Set<string>();
      const agents = new Map<string, string | undefined>();
      const customers = new Set<string>();
      for (const r of records as Record<string, unknown>[]) {
        if (typeof r.team === "string") teams.add(r.team);
        if (typeof r.agent === "string" && kind !== "agents")
          agents.set(r.agent, r.team as string | undefined);
        if (typeof r.customerId === "string") customers.add(r.customerId);
      }
      await DirectoryRepository.ensureReferenced(trx, bulk, { teams, agents, customers });
      // Record events only when a webhook wants them: checked once per batch.
      const subscribed = await subscribedEventTypes(trx);
      const storedEvents = await RecordStoredEvents.prepare(trx, kind, records, subscribed);
      const counts = emptyCounts();
      for (const run of runsOfUniqueIds(records))
        addCounts(counts, await this.upsertKind(trx, bulk, kind, run, now));
      if (counts.writtenIds.length === 0) return counts;
      await storedEvents.write(trx, records, counts.writtenIds, now);
      const db = trx as unknown as Kysely<unknown>;
      // The analysis first: it leaves its facts (themes, tone) on the records, which the answers copy below.
      if (typeof analyze === "function") {
        const analyses = analyze(new Set(counts.writtenIds));
        await AnalysisRepository.replace(trx, analyses, now);
        // Analysed here (auto mode with no worker now): no longer awaiting an earlier queued job.
        await AnalysisQueueRepository.clear(trx, analyses);
        await writeRecordAnalysedEvents(trx, analyses, subscribed, now);
      } else if (analyze) await analyze.defer(trx, new Set(counts.writtenIds), now);
      if (kind === "encounters") {
        const written = new Set(counts.writtenIds);
        const customers = new Set<string>();
        const withoutCustomer: string[] = [];
        for (const e of records as RecordOfKind["encounters"][]) {
          if (!written.has(e.id)) continue;
          if (e.customerId) customers.add(e.customerId);
          else withoutCustomer.push(e.id);
        }
        await refreshRepeatContacts(db, this.dialect, [...customers]);
        // Each answer's copy is refreshed once: through its customer (whose other encounters' repeat
        // flags may have changed too), or directly for encounters without a customer.
        await refreshAnswerEncounterFacts(db, { customerIds: [...customers] });
        await refreshAnswerEncounterFacts(db, { encounterIds: withoutCustomer });
      }
      if (kind === "responses") {
        // A written answer was inserted afresh, its copies null: only a linked one has facts to copy.
        const written = new Set(counts.writtenIds);
        const answerIds = (records as RecordOfKind["responses"][])
          .filter((r) => r.encounterId && written.has(r.id))
          .map((r) => r.id);
        await refreshAnswerEncounterFacts(db, { answerIds });
      }
      // Last, so the rules see this batch's facts; keyed per record, so a re-import opens nothing new.
      if (kind === "responses") {
        // The answers as just stored: the rules need not read them back (case-opener.ts).
        const storedAnswers = records as RecordOfKind["responses"][];
        const cases = await openCases(
          trx,
          bulk,
          this.dialect,
          this.caseRules,
          { responses: counts.writtenIds, storedAnswers },
          now,
        );
        return { ...counts, tooOldForCases: cases.tooOld };
      }
      if (kind === "encounters") {
        const cases = await openCases(
          trx,
          bulk,
          this.dialect,
          this.caseRules,
          { encounters: counts.writtenIds },
          now,
        );
        return { ...counts, tooOldForCases: cases.tooOld };
      }
      return counts;
    });
  }

  /**
   * Stores analysis results (replacing those of the same subject and version) in one transaction;
   * subjects that awaited analysis (queue mode) no longer do.
   */
  async writeAnalyses(records: AnalysisRecord[]): Promise<void> {
    const now = new Date().toISOString();
    await this.dialect.bulkTransaction(this.db, async (trx, bulk) => {
      await AnalysisQueueRepository.clear(trx, records);
      await this.storeAnalyses(trx, bulk, records, now);
    });
  }

  /**
   * Stores the analyses of records that awaited one (jobs/analysis-job.ts), each only if it is still
   * pending under the token its text was read with: a job run twice, or two jobs racing for one
   * record, store it once. Returns how many were stored.
   */
  async writeQueuedAnalyses(
    subjectKind: AnalysisSubject,
    tokens: ReadonlyMap<string, string>,
    records: AnalysisRecord[],
  ): Promise<number> {
    const now = new Date().toISOString();
    return this.dialect.bulkTransaction(this.db, async (trx, bulk) => {
      const settled = await AnalysisQueueRepository.settle(trx, subjectKind, tokens);
      const stored = records.filter((r) => r.subjectKind === subjectKind && settled.has(r.subjectId));
      await this.storeAnalyses(trx, bulk, stored, now);
      return stored.length;
    });
  }

  /** The analyses, their facts on the records, the answers' copies, and the cases the facts now open. */
  private async storeAnalyses(
    trx: Transaction<Database>,
    bulk: BulkWriter,
    records: AnalysisRecord[],
    now: string,
  ) {
    if (records.length === 0) return;
    await AnalysisRepository.replace(trx, records, now);
    await writeRecordAnalysedEvents(trx, records, await subscribedEventTypes(trx), now);
    const encounterIds = records.filter((r) => r.subjectKind === "encounter").map((r) => r.subjectId);
    if (encounterIds.length > 0) {
      await refreshAnswerEncounterFacts(trx as unknown as Kysely<unknown>, { encounterIds });
    }
    const responses = records.filter((r) => r.subjectKind === "response").map((r) => r.subjectId);
    await openCases(trx, bulk, this.dialect, this.caseRules, { encounters: encounterIds, responses }, now);
  }

  private upsertKind<K extends RecordKind>(
    trx: Transaction<Database>,
    bulk: BulkWriter,
    kind: K,
    records: RecordOfKind[K][],
    now: string,
  ): Promise<UpsertCounts> {
    switch (kind) {
      case "encounters":
        return EncounterRepository.upsert(trx, bulk, records as RecordOfKind["encounters"][], now);
      case "responses":
        return this.responses.upsert(trx, bulk, records as RecordOfKind["responses"][], now);
      case "invitations":
        return this.invitations.upsert(trx, bulk, records as RecordOfKind["invitations"][], now);
      case "pulse":
        return this.pulse.upsert(trx, bulk, records as RecordOfKind["pulse"][], now);
      case "customers":
        return DirectoryRepository.upsertCustomers(trx, bulk, records as RecordOfKind["customers"][]);
      case "agents":
        return DirectoryRepository.upsertAgents(trx, bulk, records as RecordOfKind["agents"][]);
      default:
        throw new Error(`unknown record kind ${String(kind)}`);
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

export function openStore(options: StoreOptions): Store {
  const opened = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.searchPath ? { searchPath: options.searchPath } : {})
    : openSqlite(options.sqliteFile);
  return new Store(opened, options.databaseUrl ? options.searchPath : undefined, options.caseRules);
}
