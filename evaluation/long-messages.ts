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
 * them, Kohtaamo's accuracy on the polar sentences on their own.
 */
import { hashFeature } from "../src/analysis/model/feature-hashing.ts";
import type { TextAnalyzer } from "../src/analysis/text-analyzer.ts";
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
  const messages =
    lang === "fi"
      ? (() => {
          const held = finnSentiment("heldout");
          return buildMessages(
            held.filter((l) => l.tone !== "neutral"),
            held.filter((l) => l.tone === "neutral"),
          );
        })()
      : buildMessages(
          uciImdb(),
          xed("en", "heldout").filter((l) => l.tone === "neutral"),
        );
  if (messages.length === 0) {
    console.log("  long messages: source data not found (../shared/data)");
    return;
  }
  const accuracy = (predicted: string[]) =>
    predicted.filter((p, i) => p === messages[i]?.tone).length / messages.length;
  const bySentence = accuracy(messages.map((m) => analyzer.analyzeText(m.text, lang).tone.label));
  const whole = accuracy(
    messages.map((m) => analyzer.analyzeText(m.text, lang, { wholeText: true }).tone.label),
  );
  const sentences = messages.flatMap((m) => m.polar);
  const sentenceAccuracy =
    sentences.filter((l) => analyzer.analyzeText(l.text, lang).tone.label === l.tone).length /
    sentences.length;
  const peers: string[] = [];
  for (const p of PEERS.filter((peer) => peer.langs.includes(lang))) {
    const predicted: string[] = [];
    for (const m of messages) predicted.push(await p.tone(m.text, lang));
    peers.push(`${p.name} ${f3(accuracy(predicted))}`);
  }
  const chars = messages.reduce((s, m) => s + m.text.length, 0) / messages.length;
  const source = lang === "fi" ? "FinnSentiment held-out" : "UCI IMDB + XED en held-out neutral";
  console.log(
    `  long messages: ${SENTENCES_PER_MESSAGE} real sentences each (${POLAR_PER_MESSAGE} polar, rest neutral; ${source}), n=${messages.length}, mean ${chars.toFixed(0)} characters`,
  );
  console.log(
    `    accuracy   kohtaamo by sentence ${f3(bySentence)}   kohtaamo whole text ${f3(whole)}   ${peers.join("   ")}`,
  );
  console.log(
    `    kohtaamo on the same polar sentences one by one ${f3(sentenceAccuracy)} (n=${sentences.length})`,
  );
}
