/**
 * Long messages in `npm run eval`: is a review of many sentences judged at least as well as its
 * sentences are? Public long messages with human labels under a licence we may use are not at hand,
 * so each message is put together from real, human-labelled held-out sentences the models never
 * trained on: SENTENCES_PER_MESSAGE sentences, POLAR_PER_MESSAGE of them of one polarity and the
 * rest neutral, in a seeded order (≈ 500–900 characters, the length of a review or a long survey
 * comment). The message's gold label is that polarity.
 *   - Finnish: FinnSentiment's held-out part (forum sentences, majority of three annotators);
 *   - English: the UCI IMDB review sentences (binary) with XED en's held-out neutral lines.
 * Printed per language: accuracy on the messages for Kohtaamo reading sentence by sentence (the
 * default), Kohtaamo reading the message as one piece, and the peers on the whole message; beside
 * them, Kohtaamo's accuracy on the polar sentences on their own. Then the same for long messages of
 * SENTENCES_PER_MESSAGE neutral held-out sentences (gold: neutral), the long request or notice that
 * says nothing polar: a reader that calls every long message polar scores well on the first line and
 * badly on this one. Last, both sets together as one three-class task (macro-F1), where neither
 * leaning pays.
 */
import { hashFeature } from "../src/analysis/model/feature-hashing.ts";
import type { TextAnalyzer } from "../src/analysis/text-analyzer.ts";
import { TONES } from "../training/corpus.ts";
import { f1Scores } from "../training/metrics.ts";
import { finnSentiment, type ToneLine, uciImdb, xed } from "../training/tone-data.ts";
import { PEERS } from "./peers.ts";

const SENTENCES_PER_MESSAGE = 8;
const POLAR_PER_MESSAGE = 4;
const SEED = "long-messages-2026-12";

interface Message {
  text: string;
  tone: "negative" | "positive";
  polar: ToneLine[];
}

function seeded<T extends { text: string }>(lines: readonly T[], salt: string): T[] {
  return [...lines].sort(
    (a, b) => hashFeature(`${SEED}:${salt}:${a.text}`, 30) - hashFeature(`${SEED}:${salt}:${b.text}`, 30),
  );
}

/** A sentence as it would stand in running text: closing punctuation added where the source has none. */
function asSentence(text: string): string {
  const t = text.trim();
  return /[.!?…]["”)]*$/.test(t) ? t : `${t}.`;
}

/** Messages of SENTENCES_PER_MESSAGE neutral lines each, in a seeded order (gold: neutral). */
export function buildNeutralMessages(neutral: readonly ToneLine[]): string[] {
  const pool = seeded(neutral, "neutral-only");
  const out: string[] = [];
  for (let i = 0; i + SENTENCES_PER_MESSAGE <= pool.length; i += SENTENCES_PER_MESSAGE)
    out.push(
      pool
        .slice(i, i + SENTENCES_PER_MESSAGE)
        .map((l) => asSentence(l.text))
        .join(" "),
    );
  return out;
}

export function buildMessages(polar: readonly ToneLine[], neutral: readonly ToneLine[]): Message[] {
  const out: Message[] = [];
  const neutrals = seeded(neutral, "neutral");
  let n = 0;
  for (const tone of ["negative", "positive"] as const) {
    const pool = seeded(
      polar.filter((l) => l.tone === tone),
      tone,
    );
    for (let i = 0; i + POLAR_PER_MESSAGE <= pool.length; i += POLAR_PER_MESSAGE) {
      const picked = pool.slice(i, i + POLAR_PER_MESSAGE);
      const fill: ToneLine[] = [];
      for (let k = 0; k < SENTENCES_PER_MESSAGE - POLAR_PER_MESSAGE && neutrals.length > 0; k++) {
        fill.push(neutrals[n % neutrals.length] as ToneLine);
        n++;
      }
      const ordered = seeded([...picked, ...fill], `${tone}:${i}`);
      out.push({ text: ordered.map((l) => asSentence(l.text)).join(" "), tone, polar: picked });
    }
  }
  return out;
}

const f3 = (x: number) => x.toFixed(3);

export async function scoreLongMessages(analyzer: TextAnalyzer, lang: "fi" | "en"): Promise<void> {
  const neutralLines =
    lang === "fi"
      ? finnSentiment("heldout").filter((l) => l.tone === "neutral")
      : xed("en", "heldout").filter((l) => l.tone === "neutral");
  const messages =
    lang === "fi"
      ? buildMessages(
          finnSentiment("heldout").filter((l) => l.tone !== "neutral"),
          neutralLines,
        )
      : buildMessages(uciImdb(), neutralLines);
  if (messages.length === 0) {
    console.log("  long messages: source data not found (../shared/data)");
    return;
  }
  const polarSet = messages.map((m) => ({ text: m.text, tone: m.tone }));
  const polar = await scoreSet(analyzer, lang, polarSet);
  const sentences = messages.flatMap((m) => m.polar);
  const sentenceAccuracy =
    sentences.filter((l) => analyzer.analyzeText(l.text, lang).tone.label === l.tone).length /
    sentences.length;
  const chars = messages.reduce((s, m) => s + m.text.length, 0) / messages.length;
  const source = lang === "fi" ? "FinnSentiment held-out" : "UCI IMDB + XED en held-out neutral";
  console.log(
    `  long messages: ${SENTENCES_PER_MESSAGE} real sentences each (${POLAR_PER_MESSAGE} polar, rest neutral; ${source}), n=${messages.length}, mean ${chars.toFixed(0)} characters`,
  );
  console.log(`    accuracy   ${line(polar, polarSet, accuracyOf)}`);
  console.log(
    `    kohtaamo on the same polar sentences one by one ${f3(sentenceAccuracy)} (n=${sentences.length})`,
  );
  // Capped so that the neutral messages do not reuse the polar messages' neutral fill too often.
  const neutralSet = buildNeutralMessages(neutralLines)
    .slice(0, messages.length)
    .map((text) => ({ text, tone: "neutral" }));
  if (neutralSet.length === 0) return;
  const neutral = await scoreSet(analyzer, lang, neutralSet);
  console.log(
    `    neutral long messages (${SENTENCES_PER_MESSAGE} neutral sentences each), n=${neutralSet.length}: accuracy   ${line(neutral, neutralSet, accuracyOf)}`,
  );
  // Both kinds together, as long messages arrive: a reader that calls every long message polar
  // (or every one neutral) cannot score well here, as it can on one of the two lines above.
  const both = [...polarSet, ...neutralSet];
  const joined = polar.map((r, i) => ({
    name: r.name,
    predicted: [...r.predicted, ...(neutral[i]?.predicted ?? [])],
  }));
  console.log(
    `    both together (3 classes), n=${both.length}: macro-F1   ${line(
      joined,
      both,
      (predicted, set) =>
        f1Scores(
          TONES,
          set.map((m) => m.tone),
          predicted,
        ).macroF1,
    )}`,
  );
}

interface Reading {
  name: string;
  predicted: string[];
}

type Measure = (predicted: readonly string[], set: readonly { tone: string }[]) => number;

const accuracyOf: Measure = (predicted, set) =>
  predicted.filter((p, i) => p === set[i]?.tone).length / set.length;

function line(readings: readonly Reading[], set: readonly { tone: string }[], measure: Measure): string {
  return readings.map((r) => `${r.name} ${f3(measure(r.predicted, set))}`).join("   ");
}

/** Kohtaamo's readings by sentence and as one piece, and each peer's of the whole message, on one set of messages. */
async function scoreSet(
  analyzer: TextAnalyzer,
  lang: "fi" | "en",
  set: readonly { text: string; tone: string }[],
): Promise<Reading[]> {
  const readings: Reading[] = [
    {
      name: "kohtaamo by sentence",
      predicted: set.map((m) => analyzer.analyzeText(m.text, lang).tone.label),
    },
    {
      name: "kohtaamo whole text",
      predicted: set.map((m) => analyzer.analyzeText(m.text, lang, { wholeText: true }).tone.label),
    },
  ];
  for (const p of PEERS.filter((peer) => peer.langs.includes(lang))) {
    const predicted: string[] = [];
    for (const m of set) predicted.push(await p.tone(m.text, lang));
    readings.push({ name: p.name, predicted });
  }
  return readings;
}
