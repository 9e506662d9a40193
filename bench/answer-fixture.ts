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

/**
 * Writes `answers` NPS answers, each linked to an analysed encounter, straight into a migrated SQLite
 * database at `file`: theme codes, tone and the answer's copy of its encounter's facts as the write
 * path stores them, scores from a model with planted effects (billing hurts most). Seeded: every run
 * measures the same data. Months 2025-01…2025-12, five teams, four channels.
 */
export async function buildAnswerDatabase(file: string, ANSWERS: number): Promise<void> {
  const store = openStore({ sqliteFile: file });
  await store.migrate();
  await store.close();
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const now = new Date().toISOString();
  const enc = db.prepare(
    `insert into encounters (id, channel, started_at, team_id, customer_id, wait_seconds, transfers, resolved,
       turn_count, content_hash, updated_at, theme_codes, tone_score, repeat_contact)
     values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
  );
  const ans = db.prepare(
    `insert into survey_responses (id, kind, score, comment, answered_at, channel, team_id, encounter_id,
       content_hash, updated_at, theme_codes, tone_score,
       enc_theme_codes, enc_wait_seconds, enc_transfers, enc_resolved, enc_repeat_contact, enc_linked)
     values (?, 'nps', ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  // The project's seeded generator, so every run measures the same data.
  const generator = new Xoshiro128ss(20261124);
  const random = () => generator.float();
  const channels = ["phone", "chat", "email", "bot"];
  const teams = ["asiakaspalvelu", "laskutus", "tekninen-tuki", "myynti", "digipalvelut"];
  const insert = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
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
      enc.run(
        `e${i}`,
        channel,
        at,
        team,
        `c${i % 300_000}`,
        wait,
        transfers,
        resolved,
        `h${i}`,
        now,
        codes.join(" ") || null,
        random() - 0.5,
        repeat,
      );
      ans.run(
        `r${i}`,
        score,
        at,
        channel,
        team,
        `e${i}`,
        `h${i}`,
        now,
        commentCodes.join(" ") || null,
        null,
        codes.join(" ") || null,
        wait,
        transfers,
        resolved,
        repeat,
      );
    }
  });
  for (let i = 0; i < ANSWERS; i += 50_000) insert(i, Math.min(ANSWERS, i + 50_000));
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}
