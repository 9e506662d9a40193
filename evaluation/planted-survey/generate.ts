// Generates the independent planted survey: encounters (JSONL), NPS answers (CSV) and the truth
// (themes with polarity and operational drivers per answer, plus the planted effects).
// Usage: node --import tsx evaluation/planted-survey/generate.ts [outDir] [seed] [answers]

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { stringify } from "csv-stringify/sync";
import {
  CHANNELS,
  drawContacts,
  durationSeconds,
  repeatFlags,
  resolvedChance,
  transferCount,
  waitSeconds,
} from "./contact-timeline.ts";
import {
  buildComment,
  buildTurns,
  type Channel,
  type Sentence,
  type Turn,
  themePhrases,
} from "./conversation-text.ts";
import {
  EFFECT_THEMES,
  type Industry,
  type Language,
  mentionProbability,
  NOISE_THEMES,
  OPERATIONAL_EFFECTS,
  type PlantedEffects,
  type Polarity,
  plantedEffects,
  TEAMS,
  THEME_SPECS,
  THEMES,
  type ThemeId,
} from "./planted-model.ts";
import { createRng, type Rng } from "./prng.ts";

export interface EncounterRecord {
  id: string;
  channel: Channel;
  started_at: string;
  ended_at: string;
  team: string;
  agent: string;
  customer_id: string;
  wait_seconds: number;
  transfers: number;
  resolved: boolean;
  turns: Turn[];
}

export interface ResponseRecord {
  id: string;
  answered_at: string;
  kind: "nps";
  score: number;
  comment: string;
  channel: Channel;
  team: string;
  agent: string;
  customer_id: string;
  encounter_id: string;
}

export interface TruthRow {
  id: string;
  score: number;
  themes: Partial<Record<ThemeId, Polarity>>;
  waitMinutes: number;
  transfers: number;
  repeatContact: 0 | 1;
  resolved: 0 | 1;
}

export interface PlantedTruth {
  seed: number;
  plantedEffects: PlantedEffects;
  effectThemes: ThemeId[];
  noiseThemes: ThemeId[];
  rows: TruthRow[];
}

export interface PlantedSurvey {
  encounters: EncounterRecord[];
  responses: ResponseRecord[];
  truth: PlantedTruth;
}

interface Mention {
  theme: ThemeId;
  polarity: Polarity;
  inTurns: boolean;
  inComment: boolean;
}

const COMMENT_RATE = 0.65;
const AGENTS_PER_TEAM = 8;

function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** 0–3 theme mentions available in the industry, each with its planted polarity mix. */
function drawMentions(rng: Rng, industry: Industry, hasComment: boolean): Mention[] {
  const drawn = THEMES.filter(
    (t) => THEME_SPECS[t].industries.includes(industry) && rng.chance(mentionProbability(t)),
  );
  const themes = drawn.length > 3 ? rng.sample(drawn, 3) : drawn;
  return themes.map((theme) => {
    const polarity: Polarity = rng.chance(THEME_SPECS[theme].negativeShare) ? -1 : 1;
    if (!hasComment) return { theme, polarity, inTurns: true, inComment: false };
    const r = rng.next();
    return { theme, polarity, inTurns: r >= 0.45, inComment: r < 0.45 || r >= 0.75 };
  });
}

/** Distinct phrases for the turn and the comment when a theme appears in both. */
function mentionTexts(rng: Rng, lang: Language, industry: Industry, mentions: readonly Mention[]) {
  const turnSentences: Sentence[] = [];
  const commentSentences: string[] = [];
  for (const m of mentions) {
    const [first, second] = rng.sample(themePhrases(lang, m.theme, m.polarity, industry), 2) as [
      string,
      string,
    ];
    if (m.inTurns) turnSentences.push({ text: first, polarity: m.polarity });
    if (m.inComment) commentSentences.push(m.inTurns ? second : first);
  }
  return { turnSentences, commentSentences };
}

function plantedScore(rng: Rng, row: Omit<TruthRow, "id" | "score">): number {
  const e = OPERATIONAL_EFFECTS;
  let latent = e.intercept + e.noiseSd * rng.normal();
  for (const [theme, polarity] of Object.entries(row.themes) as [ThemeId, Polarity][]) {
    latent += THEME_SPECS[theme].beta * polarity;
  }
  latent += e.waitMinutes * row.waitMinutes + e.transfers * row.transfers;
  latent += e.repeatContact * row.repeatContact + e.resolved * row.resolved;
  return Math.round(Math.min(10, Math.max(0, latent)));
}

function truthThemes(mentions: readonly Mention[]): Partial<Record<ThemeId, Polarity>> {
  const themes: Partial<Record<ThemeId, Polarity>> = {};
  for (const m of mentions) themes[m.theme] = m.polarity;
  return themes;
}

export function generatePlantedSurvey(seed = 4242, answers = 5000): PlantedSurvey {
  const rng = createRng(seed);
  const contacts = drawContacts(rng, answers);
  const repeats = repeatFlags(contacts);
  const answered = new Set(rng.sample([...contacts.keys()], answers));

  const encounters: EncounterRecord[] = [];
  const responses: ResponseRecord[] = [];
  const rows: TruthRow[] = [];
  contacts.forEach((contact, i) => {
    const { customer } = contact;
    const channel = rng.chance(0.7) ? customer.channel : rng.pick(CHANNELS);
    const wait = waitSeconds(rng, channel);
    const transfers = transferCount(rng, channel);
    const repeat = repeats[i] === true;
    const resolved = rng.chance(resolvedChance(transfers, repeat));
    const endMs = contact.startMs + (wait + durationSeconds(rng, channel, transfers)) * 1000;
    const isAnswered = answered.has(i);
    const hasComment = isAnswered && rng.chance(COMMENT_RATE);
    const mentions = drawMentions(rng, customer.industry, hasComment);
    const { turnSentences, commentSentences } = mentionTexts(rng, customer.lang, customer.industry, mentions);
    const team = TEAMS[customer.industry];
    const agent = `${customer.industry}-agent-${String(rng.int(1, AGENTS_PER_TEAM)).padStart(2, "0")}`;
    const encounterId = `PS-E-${String(i + 1).padStart(5, "0")}`;
    encounters.push({
      id: encounterId,
      channel,
      started_at: isoSeconds(contact.startMs),
      ended_at: isoSeconds(endMs),
      team,
      agent,
      customer_id: customer.id,
      wait_seconds: wait,
      transfers,
      resolved,
      turns: buildTurns(rng, customer.lang, channel, turnSentences),
    });
    if (!isAnswered) return;

    const id = `PS-R-${String(responses.length + 1).padStart(5, "0")}`;
    const drivers = {
      themes: truthThemes(mentions),
      waitMinutes: Math.min(wait, 3600) / 60,
      transfers: Math.min(transfers, 5),
      repeatContact: (repeat ? 1 : 0) as 0 | 1,
      resolved: (resolved ? 1 : 0) as 0 | 1,
    };
    const score = plantedScore(rng, drivers);
    rows.push({ id, score, ...drivers });
    responses.push({
      id,
      answered_at: isoSeconds(endMs + rng.int(120, 23 * 3600) * 1000),
      kind: "nps",
      score,
      comment: hasComment ? buildComment(rng, customer.lang, commentSentences) : "",
      channel,
      team,
      agent,
      customer_id: customer.id,
      encounter_id: encounterId,
    });
  });

  const truth: PlantedTruth = {
    seed,
    plantedEffects: plantedEffects(),
    effectThemes: [...EFFECT_THEMES],
    noiseThemes: [...NOISE_THEMES],
    rows,
  };
  return { encounters, responses, truth };
}

const RESPONSE_COLUMNS: (keyof ResponseRecord)[] = [
  "id",
  "answered_at",
  "kind",
  "score",
  "comment",
  "channel",
  "team",
  "agent",
  "customer_id",
  "encounter_id",
];

/** Pretty top level, one truth row per line (diff- and grep-friendly). */
function truthJson(truth: PlantedTruth): string {
  const { rows, ...head } = truth;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, "");
  return `${top},\n  "rows": [\n${rows.map((r) => `    ${JSON.stringify(r)}`).join(",\n")}\n  ]\n}\n`;
}

export function writePlantedSurvey(dir: string, seed = 4242, answers = 5000): PlantedSurvey {
  const survey = generatePlantedSurvey(seed, answers);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "encounters.jsonl"),
    survey.encounters.map((e) => `${JSON.stringify(e)}\n`).join(""),
  );
  writeFileSync(
    join(dir, "responses.csv"),
    stringify(survey.responses, { header: true, columns: RESPONSE_COLUMNS, record_delimiter: "unix" }),
  );
  writeFileSync(join(dir, "truth.json"), truthJson(survey.truth));
  return survey;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = "planted-survey-out", seed, answers] = process.argv.slice(2);
  const survey = writePlantedSurvey(
    dir,
    seed ? Number(seed) : undefined,
    answers ? Number(answers) : undefined,
  );
  console.log(
    `wrote ${survey.encounters.length} encounters and ${survey.responses.length} answers to ${dir}`,
  );
}
