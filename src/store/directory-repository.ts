import type { Kysely, Transaction } from "kysely";
import type { Agent, Customer } from "../domain/index.ts";
import type { BulkWriter } from "./dialects/store-dialect.ts";
import { resolveNames } from "./display-name-resolver.ts";
import type { Database } from "./schema.ts";
import { contentHash, type UpsertCounts, upsertByHash } from "./upsert-batch.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Teams, agents and customers: the who of every encounter and answer. */
export class DirectoryRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Makes sure referenced teams, agents and customers exist, without overwriting what an explicit
   * agents or customers import said about them (records may arrive before their directory).
   */
  static async ensureReferenced(
    trx: Db,
    bulk: BulkWriter,
    refs: { teams: Iterable<string>; agents: Map<string, string | undefined>; customers: Iterable<string> },
  ): Promise<void> {
    const teams = [...new Set(refs.teams)];
    if (teams.length > 0) {
      await trx
        .insertInto("teams")
        .values(teams.map((id) => ({ id, name: id })))
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    }
    const agents = [...refs.agents];
    if (agents.length > 0) {
      await trx
        .insertInto("agents")
        .values(agents.map(([id, team]) => ({ id, name: null, team_id: team ?? null, content_hash: null })))
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
    }
    // An import batch names thousands of customers, mostly stored already: one lookup (a single
    // parameter), then the missing ones through the bulk writer (on conflict: skipped).
    const customers = [...new Set(refs.customers)];
    if (customers.length > 0) {
      const stored = await trx
        .selectFrom("customers")
        .select("id")
        .where(bulk.oneOf("id", customers))
        .execute();
      const known = new Set(stored.map((r) => r.id));
      const missing = customers.filter((id) => !known.has(id));
      await bulk.insert(
        "customers",
        missing.map((id) => ({ id, segment: null, yearly_value_eur: null, content_hash: null })),
      );
    }
  }

  static upsertAgents(trx: Transaction<Database>, bulk: BulkWriter, agents: Agent[]): Promise<UpsertCounts> {
    return upsertByHash(
      trx,
      bulk,
      "agents",
      agents.map((a) => ({
        id: a.id,
        name: a.name ?? null,
        team_id: a.team ?? null,
        content_hash: contentHash(a),
      })),
    );
  }

  static upsertCustomers(
    trx: Transaction<Database>,
    bulk: BulkWriter,
    customers: Customer[],
  ): Promise<UpsertCounts> {
    return upsertByHash(
      trx,
      bulk,
      "customers",
      customers.map((c) => ({
        id: c.id,
        segment: c.segment ?? null,
        yearly_value_eur: c.yearlyValueEur ?? null,
        content_hash: contentHash(c),
      })),
    );
  }

  /** Teams with a name of their own; `id` is the team as records carry it, in its canonical spelling. */
  async upsertTeams(teams: { id: string; name: string }[]): Promise<void> {
    if (teams.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      const canonical = await resolveNames(
        trx,
        "team",
        teams.map((t) => t.id),
      );
      await trx
        .insertInto("teams")
        .values(teams.map((t) => ({ id: canonical.get(t.id) ?? t.id, name: t.name })))
        .onConflict((oc) => oc.column("id").doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })))
        .execute();
    });
  }

  listTeams() {
    return this.db.selectFrom("teams").selectAll().orderBy("id").execute();
  }

  listAgents() {
    return this.db.selectFrom("agents").select(["id", "name", "team_id"]).orderBy("id").execute();
  }

  getCustomer(id: string) {
    return this.db
      .selectFrom("customers")
      .select(["id", "segment", "yearly_value_eur"])
      .where("id", "=", id)
      .executeTakeFirst();
  }
}
