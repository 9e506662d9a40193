import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { Database } from "./schema.ts";

/** Development initiatives and the settings that price a point of NPS (migration 0014, issue 13). */
export const INITIATIVE_GOALS = ["cx", "efficiency", "both"] as const;
export type InitiativeGoal = (typeof INITIATIVE_GOALS)[number];
export const INITIATIVE_STATUSES = ["idea", "planned", "in_progress", "done", "dropped"] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export interface InitiativeTable {
  id: string;
  title: string;
  description: string | null;
  cost: number;
  goal: string;
  theme_ids: string;
  expected_share_removed: number;
  expected_nps_gain: number | null;
  owner: string | null;
  status: string;
  done_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface InitiativeSettingsTable {
  id: string;
  customers: number | null;
  yearly_value_eur: number | null;
  churn_gap: number | null;
  updated_by: string;
  updated_at: string;
}

// A type, not an interface: Kysely's withTables needs an index-compatible record type.
type InitiativeTables = {
  initiatives: InitiativeTable;
  initiative_settings: InitiativeSettingsTable;
};

export interface Initiative {
  id: string;
  title: string;
  description: string | null;
  /** Whole euros. */
  cost: number;
  goal: InitiativeGoal;
  themeIds: string[];
  /** Share of the linked themes' problem the initiative is expected to remove, 0–1. */
  expectedShareRemoved: number;
  /** The owner's own estimate of the NPS gain; overrides the derived one when set. */
  expectedNpsGain: number | null;
  owner: string | null;
  status: InitiativeStatus;
  /** The day it was done (YYYY-MM-DD), when status is done. */
  doneOn: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type InitiativeInput = Omit<Initiative, "id" | "createdBy" | "createdAt" | "updatedAt">;

export interface InitiativeSettings {
  /** Customers whose value is at stake; null: the customers in the data. */
  customers: number | null;
  /** Yearly value of a customer in euros; null: the mean of the customers' yearly_value_eur. */
  yearlyValueEur: number | null;
  /** How much more often a detractor leaves in a year than a promoter (0–1); null: the default. */
  churnGap: number | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

const SETTINGS_ID = "workspace";

function view(r: Selectable<InitiativeTable>): Initiative {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    cost: Number(r.cost),
    goal: r.goal as InitiativeGoal,
    themeIds: JSON.parse(r.theme_ids) as string[],
    expectedShareRemoved: Number(r.expected_share_removed),
    expectedNpsGain: r.expected_nps_gain === null ? null : Number(r.expected_nps_gain),
    owner: r.owner,
    status: r.status as InitiativeStatus,
    doneOn: r.done_on,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function row(i: Partial<InitiativeInput>): Partial<InitiativeTable> {
  const out: Partial<InitiativeTable> = {};
  if (i.title !== undefined) out.title = i.title;
  if (i.description !== undefined) out.description = i.description;
  if (i.cost !== undefined) out.cost = i.cost;
  if (i.goal !== undefined) out.goal = i.goal;
  if (i.themeIds !== undefined) out.theme_ids = JSON.stringify(i.themeIds);
  if (i.expectedShareRemoved !== undefined) out.expected_share_removed = i.expectedShareRemoved;
  if (i.expectedNpsGain !== undefined) out.expected_nps_gain = i.expectedNpsGain;
  if (i.owner !== undefined) out.owner = i.owner;
  if (i.status !== undefined) out.status = i.status;
  if (i.doneOn !== undefined) out.done_on = i.doneOn;
  return out;
}

export class InitiativeRepository {
  private readonly db: Kysely<InitiativeTables & Pick<Database, "customers">>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<InitiativeTables>();
  }

  async create(input: InitiativeInput, actor: string, now: string): Promise<Initiative> {
    const id = randomUUID();
    await this.db
      .insertInto("initiatives")
      .values({ ...(row(input) as InitiativeTable), id, created_by: actor, created_at: now, updated_at: now })
      .execute();
    return (await this.get(id)) as Initiative;
  }

  async list(): Promise<Initiative[]> {
    const rows = await this.db
      .selectFrom("initiatives")
      .selectAll()
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map(view);
  }

  async get(id: string): Promise<Initiative | null> {
    const r = await this.db.selectFrom("initiatives").selectAll().where("id", "=", id).executeTakeFirst();
    return r ? view(r) : null;
  }

  /** Changes the given fields; null when there is no such initiative. */
  async patch(id: string, patch: Partial<InitiativeInput>, now: string): Promise<Initiative | null> {
    const changes = row(patch);
    const result = await this.db
      .updateTable("initiatives")
      .set({ ...changes, updated_at: now })
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 0 ? null : this.get(id);
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("initiatives").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async settings(): Promise<InitiativeSettings> {
    const r = await this.db
      .selectFrom("initiative_settings")
      .selectAll()
      .where("id", "=", SETTINGS_ID)
      .executeTakeFirst();
    return {
      customers: r?.customers === null || r?.customers === undefined ? null : Number(r.customers),
      yearlyValueEur:
        r?.yearly_value_eur === null || r?.yearly_value_eur === undefined ? null : Number(r.yearly_value_eur),
      churnGap: r?.churn_gap === null || r?.churn_gap === undefined ? null : Number(r.churn_gap),
      updatedBy: r?.updated_by ?? null,
      updatedAt: r?.updated_at ?? null,
    };
  }

  async saveSettings(
    s: Pick<InitiativeSettings, "customers" | "yearlyValueEur" | "churnGap">,
    actor: string,
    now: string,
  ): Promise<InitiativeSettings> {
    const values = {
      customers: s.customers,
      yearly_value_eur: s.yearlyValueEur,
      churn_gap: s.churnGap,
      updated_by: actor,
      updated_at: now,
    };
    await this.db
      .insertInto("initiative_settings")
      .values({ id: SETTINGS_ID, ...values })
      .onConflict((oc) => oc.column("id").doUpdateSet(values))
      .execute();
    return this.settings();
  }

  /** The customers in the data and the mean of their known yearly values (null when none is known). */
  async customerFacts(): Promise<{
    customers: number;
    meanYearlyValueEur: number | null;
    withValue: number;
  }> {
    const r = await this.db
      .selectFrom("customers")
      .select((eb) => [
        eb.fn.countAll<string | number>().as("n"),
        eb.fn.count<string | number>("yearly_value_eur").as("known"),
        eb.fn.avg<string | number | null>("yearly_value_eur").as("mean"),
      ])
      .executeTakeFirst();
    return {
      customers: Number(r?.n ?? 0),
      withValue: Number(r?.known ?? 0),
      meanYearlyValueEur: r?.mean === null || r?.mean === undefined ? null : Number(r.mean),
    };
  }
}
