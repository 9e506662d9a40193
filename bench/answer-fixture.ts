import SQLite from "better-sqlite3";
import { Xoshiro128ss } from "../src/stats/bootstrap.ts";
import { openStore } from "../src/store/index.ts";

const THEMES = [
  ["billing", -2.5],
  ["waiting", -1.5],
  ["outage", -1.2],
  ["staff_friendliness", 1.0],
  ["delivery", -0.6],
  ["prices", 0],
  ["information", 0],
  ["website", 0],
  ["app_login", -0.5],
  ["contract_changes", 0],
  ["payments", 0],
  ["returns_refunds", 0],
] as const;

/** Columns of the fixture's rows, in the order answerRows() gives their values. */
export const ENCOUNTER_COLUMNS = [
  "id",
  "channel",
  "started_at",
  "team_id",
  "customer_id",
  "wait_seconds",
  "transfers",
  "resolved",
  "turn_count",
  "content_hash",
  "updated_at",
  "theme_codes",
  "tone_score",
  "repeat_contact",
  "agent_id",
  "touchpoint",
] as const;
export const ANSWER_COLUMNS = [
  "id",
  "kind",
  "score",
  "comment",
  "answered_at",
  "channel",
  "team_id",
  "encounter_id",
  "content_hash",
  "updated_at",
  "theme_codes",
  "tone_score",
  "enc_theme_codes",
  "enc_wait_seconds",
  "enc_transfers",
  "enc_resolved",
  "enc_repeat_contact",
  "enc_linked",
  "agent_id",
  "touchpoint",
] as const;
type Value = string | number | null;

/** The fixture's names: five teams of 40 agents each, four channels, five touchpoints. */
export const FIXTURE_NAMES = {
  channels: ["phone", "chat", "email", "bot"],
  teams: ["asiakaspalvelu", "laskutus", "tekninen-tuki", "myynti", "digipalvelut"],
  touchpoints: ["sovellus", "verkkosivu", "myymala", "puhelinvalikko", "chat-ikkuna"],
  agentsPerTeam: 40,
} as const;

/** The agent of answer i (in team `team`): `<team>-<0..39>`. */
export function fixtureAgent(i: number, team: string): string {
  return `${team}-${Math.floor(i / 5) % FIXTURE_NAMES.agentsPerTeam}`;
}

/** dimension_names rows for the fixture's names (already lower case: the key is the name). */
export function fixtureNameRows(): { dimension: string; key: string; display: string }[] {
  const row = (dimension: string) => (name: string) => ({ dimension, key: name, display: name });
  const agents = FIXTURE_NAMES.teams.flatMap((t) =>
    Array.from({ length: FIXTURE_NAMES.agentsPerTeam }, (_, k) => `${t}-${k}`),
  );
  return [
    ...FIXTURE_NAMES.teams.map(row("team")),
    ...FIXTURE_NAMES.channels.map(row("channel")),
    ...FIXTURE_NAMES.touchpoints.map(row("touchpoint")),
    ...agents.map(row("agent")),
  ];
}

/**
 * `answers` NPS answers, each linked to an analysed encounter, as rows of ENCOUNTER_COLUMNS and
 * ANSWER_COLUMNS: theme codes, tone and the answer's copy of its encounter's facts as the write path
 * stores them, scores from a model with planted effects (billing hurts most). Seeded: every run, and
 * both databases, get the same data. Months 2025-01…2025-12, five teams of 40 agents, four channels,
 * five touchpoints.
 */
export function* answerRows(
  answers: number,
  now: string,
): Generator<{ encounter: Value[]; answer: Value[] }> {
  // The project's seeded generator, so every run measures the same data.
  const generator = new Xoshiro128ss(20261124);
  const random = () => generator.float();
  const { channels, teams, touchpoints } = FIXTURE_NAMES;
  for (let i = 0; i < answers; i++) {
    const month = 1 + (i % 12);
    const at = `2025-${String(month).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00.000Z`;
    const wait = random() * 900;
    const transfers = random() < 0.2 ? 1 + Math.floor(random() * 2) : 0;
    const resolved = random() < 0.8 ? 1 : 0;
    const repeat = random() < 0.15 ? 1 : 0;
    const codes: string[] = [];
    const commentCodes: string[] = [];
    let score = 8.2 - 0.002 * wait - 0.5 * transfers + 1.4 * resolved - 1.0 * repeat;
    for (const [theme, effect] of THEMES) {
      if (random() < 0.08) {
        const polarity = random() < (effect > 0 ? 0.8 : 0.3) ? 1 : -1;
        score += polarity * Math.abs(effect);
        (random() < 0.5 ? codes : commentCodes).push(`${theme}:${polarity}`);
      }
    }
    score = Math.max(0, Math.min(10, Math.round(score + (random() - 0.5) * 5)));
    const channel = channels[i % channels.length] as string;
    const team = teams[i % teams.length] as string;
    const encounterCodes = codes.join(" ") || null;
    // Derived from i, not drawn: the seeded stream (and so every score) is what it was before.
    const agent = fixtureAgent(i, team);
    const touchpoint = touchpoints[Math.floor(i / 20) % touchpoints.length] as string;
    yield {
      encounter: [
        `e${i}`,
        channel,
        at,
        team,
        `c${i % 300_000}`,
        wait,
        transfers,
        resolved,
        0,
        `h${i}`,
        now,
        encounterCodes,
        random() - 0.5,
        repeat,
        agent,
        touchpoint,
      ],
      answer: [
        `r${i}`,
        "nps",
        score,
        null,
        at,
        channel,
        team,
        `e${i}`,
        `h${i}`,
        now,
        commentCodes.join(" ") || null,
        null,
        encounterCodes,
        wait,
        transfers,
        resolved,
        repeat,
        1,
        agent,
        touchpoint,
      ],
    };
  }
}

/** Writes answerRows() straight into a migrated SQLite database at `file`. */
export async function buildAnswerDatabase(file: string, ANSWERS: number): Promise<void> {
  const store = openStore({ sqliteFile: file });
  await store.migrate();
  await store.close();
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const insertInto = (table: string, columns: readonly string[]) =>
    db.prepare(`insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`);
  const names = db.prepare(
    "insert or ignore into dimension_names (dimension, key, display) values (?, ?, ?)",
  );
  for (const n of fixtureNameRows()) names.run(n.dimension, n.key, n.display);
  const enc = insertInto("encounters", ENCOUNTER_COLUMNS);
  const ans = insertInto("survey_responses", ANSWER_COLUMNS);
  const rows = answerRows(ANSWERS, new Date().toISOString());
  const insert = db.transaction((n: number) => {
    for (let k = 0; k < n; k++) {
      const next = rows.next();
      if (next.done) return;
      enc.run(...next.value.encounter);
      ans.run(...next.value.answer);
    }
  });
  for (let i = 0; i < ANSWERS; i += 50_000) insert(Math.min(50_000, ANSWERS - i));
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}
