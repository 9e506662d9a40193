import fs from "node:fs";

/**
 * Bulk synthetic records for load, crash and throughput tests (not the demo workspace: these only
 * need plausible shape and size). Deterministic for a given count.
 */
export const CUSTOMER_LINES = [
  "Laskussani on virheellinen summa, voitteko tarkistaa?",
  "I have been waiting for my refund for two weeks.",
  "Sovellukseen ei pääse kirjautumaan päivityksen jälkeen.",
  "The parcel never arrived and tracking shows nothing.",
  "Haluaisin irtisanoa sopimuksen ensi kuun lopussa.",
  "Kiitos nopeasta avusta, nyt toimii!",
];
const AGENT_LINES = [
  "Hei, tässä Anna asiakaspalvelusta. Katsotaan asiaa.",
  "Thanks for waiting, I can see the order here.",
  "Korjasin laskun, uusi lasku lähtee sähköpostiin.",
  "I have escalated this to our logistics team.",
  "Vahvistan irtisanomisen, saat kuittauksen sähköpostiin.",
  "Onko vielä jotain muuta, missä voin auttaa?",
];
const CHANNELS = ["phone", "chat", "email", "bot", "self_service"];

export function syntheticEncounter(i: number, turns = 8) {
  const start = Date.UTC(2025, 0, 1) + i * 60_000;
  return {
    id: `enc-${i}`,
    channel: CHANNELS[i % CHANNELS.length],
    started_at: new Date(start).toISOString(),
    team: `team-${i % 5}`,
    agent: `agent-${i % 30}`,
    customer_id: `cust-${i % 7000}`,
    wait_seconds: (i * 37) % 900,
    transfers: i % 3,
    resolved: i % 4 !== 0,
    turns: Array.from({ length: turns }, (_, t) => ({
      speaker: t % 2 === 0 ? "customer" : "agent",
      text: (t % 2 === 0 ? CUSTOMER_LINES : AGENT_LINES)[(i + t) % 6],
      at: t * 20,
    })),
  };
}

/**
 * The start of the whole hour `days` days before now (ms since the epoch): record times for tests
 * that expect cases, which stay within the case rules' maxAgeDays (default 30) whenever they run.
 */
export function daysAgo(days: number): number {
  return Math.floor(Date.now() / 3_600_000) * 3_600_000 - days * 86_400_000;
}

/** Where syntheticResponse's answers start, and how far apart they are. */
export interface AnswerTimes {
  from: number;
  stepMs: number;
}

/** A history export: Jan–Feb 2025, 30 s apart (older than any case rule's maxAgeDays by default). */
export const HISTORY_TIMES: AnswerTimes = { from: Date.UTC(2025, 0, 1), stepMs: 30_000 };

/** A live feed: answers of the last week, 5 s apart (100,000 of them span 5.8 days). */
export const liveTimes = (): AnswerTimes => ({ from: daysAgo(7), stepMs: 5_000 });

export function syntheticResponse(i: number, times: AnswerTimes = HISTORY_TIMES) {
  return {
    id: `resp-${i}`,
    kind: "nps",
    score: (i * 7) % 11,
    comment: i % 3 === 0 ? CUSTOMER_LINES[i % 6] : "",
    answered_at: new Date(times.from + i * times.stepMs).toISOString(),
    channel: CHANNELS[i % CHANNELS.length],
    team: `team-${i % 5}`,
    customer_id: `cust-${i % 7000}`,
  };
}

/** Writes `count` records as JSONL and returns the path. */
export function writeJsonl(file: string, count: number, make: (i: number) => unknown): string {
  const fd = fs.openSync(file, "w");
  let chunk = "";
  for (let i = 0; i < count; i++) {
    chunk += `${JSON.stringify(make(i))}\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = "";
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  return file;
}
