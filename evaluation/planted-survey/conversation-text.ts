// Turns planted theme mentions into customer-service text: encounter turns and survey comments.
// Agent turns are always theme-free; customer turns carry the mentions placed in the encounter.

import { EN_NEUTRAL, EN_THEMES } from "./phrases-en.ts";
import { FI_NEUTRAL, FI_THEMES } from "./phrases-fi.ts";
import type { Industry, Language, Polarity, ThemeId } from "./planted-model.ts";
import type { Rng } from "./prng.ts";

export type Channel = "phone" | "chat" | "email";

export interface Turn {
  speaker: "customer" | "agent";
  text: string;
}

const BANKS = { fi: FI_THEMES, en: EN_THEMES } as const;
const NEUTRAL = { fi: FI_NEUTRAL, en: EN_NEUTRAL } as const;

/** Phrases of a theme and polarity that fit the industry, with the industry prefix removed. */
export function themePhrases(
  lang: Language,
  theme: ThemeId,
  polarity: Polarity,
  industry: Industry,
): string[] {
  const cell = BANKS[lang][theme];
  const raw = polarity < 0 ? cell.neg : cell.pos;
  const out: string[] = [];
  for (const entry of raw) {
    const bar = entry.indexOf("|");
    if (bar < 0) {
      out.push(entry);
      continue;
    }
    const tags = entry.slice(0, bar).split(",");
    if (tags.includes(industry)) out.push(entry.slice(bar + 1));
  }
  return out;
}

/** Every raw phrase of a theme × polarity × language (used by the self-check). */
export function allPhrases(lang: Language, theme: ThemeId, polarity: Polarity): readonly string[] {
  const cell = BANKS[lang][theme];
  return polarity < 0 ? cell.neg : cell.pos;
}

export interface Sentence {
  text: string;
  polarity: Polarity;
}

/**
 * Groups up to three theme sentences into at most two customer turns. Complaints come first and
 * praise last, as in real contacts; a contact with only praise opens with a theme-free request.
 */
function groupSentences(rng: Rng, lang: Language, sentences: readonly Sentence[]): string[] {
  const n = NEUTRAL[lang];
  const neg = sentences.filter((s) => s.polarity < 0).map((s) => s.text);
  const pos = sentences.filter((s) => s.polarity > 0).map((s) => s.text);
  if (neg.length === 0 && pos.length === 0) return [rng.pick(n.customerOpeners)];
  if (neg.length === 0) {
    const praise = rng.chance(0.5) ? [rng.pick(n.praiseLeadIns), ...pos] : pos;
    return [rng.pick(n.customerOpeners), praise.join(" ")];
  }
  const ordered = [...neg, ...pos];
  if (ordered.length === 1) return ordered;
  if (ordered.length === 2) return rng.chance(0.5) ? ordered : [ordered.join(" ")];
  const [a, b, c] = ordered as [string, string, string];
  return rng.chance(0.5) ? [`${a} ${b}`, c] : [a, `${b} ${c}`];
}

/**
 * Builds 2–5 turns. Pattern: [agent greeting] customer (agent customer) agent [customer closer].
 * Email always starts with the customer; phone and chat mostly with the agent.
 */
export function buildTurns(
  rng: Rng,
  lang: Language,
  channel: Channel,
  sentences: readonly Sentence[],
): Turn[] {
  const n = NEUTRAL[lang];
  const agentFirst = channel !== "email" && rng.chance(channel === "phone" ? 0.85 : 0.6);
  const contents = groupSentences(rng, lang, sentences);
  const opensWithTheme = sentences.length > 0 && !n.customerOpeners.includes(contents[0] ?? "");
  if (opensWithTheme && !agentFirst && rng.chance(0.35))
    contents[0] = `${rng.pick(n.greetings)} ${contents[0]}`;

  const turns: Turn[] = [];
  if (agentFirst) turns.push({ speaker: "agent", text: rng.pick(n.agentGreetings) });
  contents.forEach((text, i) => {
    turns.push({ speaker: "customer", text });
    const last = i === contents.length - 1;
    const replies = !last && n.customerOpeners.includes(text) ? n.agentPrompts : n.agentReplies;
    turns.push({
      speaker: "agent",
      text: rng.pick(last && i > 0 && rng.chance(0.4) ? n.agentClosings : replies),
    });
  });
  if (turns.length < 5 && rng.chance(0.4))
    turns.push({ speaker: "customer", text: rng.pick(n.customerClosers) });
  return turns;
}

/** A survey comment: the theme sentences in random order, or a theme-free remark. */
export function buildComment(rng: Rng, lang: Language, sentences: readonly string[]): string {
  if (sentences.length === 0) return rng.pick(NEUTRAL[lang].comments);
  return rng.sample(sentences, sentences.length).join(" ");
}
