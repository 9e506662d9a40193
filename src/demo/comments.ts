import type { EncounterPlan } from "./plan.ts";
import type { Rng } from "./prng.ts";
import type { Tone } from "./scoring.ts";
import { type FillContext, fill, join } from "./template.ts";
import type { CommentBank, CommentLines, LanguageBank } from "./text-types.ts";
import { LONG_WAIT_SECONDS, type ThemeId } from "./themes.ts";

export interface Comment {
  text: string;
  /** Which themes the comment actually talks about (ground truth for comment-theme tagging). */
  themes: ThemeId[];
}

function lineFor(rng: Rng, lines: CommentLines, tone: "pos" | "neg", hasAgent: boolean): string | undefined {
  const pool = hasAgent ? lines[tone] : lines[tone].filter((l) => !l.includes("{agent}"));
  return pool.length > 0 ? rng.pick(pool) : undefined;
}

/**
 * Writes a survey comment that fits the encounter and the score: the encounter's theme in the
 * score's tone, sometimes with a remark about the queue, the agent or first-contact resolution.
 * Passives get lukewarm or two-sided remarks ("ystävällinen, mutta…").
 */
export function writeComment(
  rng: Rng,
  plan: EncounterPlan,
  tone: Tone,
  bank: LanguageBank,
  ctx: FillContext,
): Comment {
  const c: CommentBank = bank.comments;
  const hasAgent = plan.agent !== undefined;
  const themes: ThemeId[] = [];
  const parts: (string | undefined)[] = [];
  const add = (theme: ThemeId, line: string | undefined): void => {
    if (line === undefined) return;
    parts.push(fill(line, ctx));
    if (!themes.includes(theme)) themes.push(theme);
  };
  const longWait = (plan.waitSeconds ?? 0) > LONG_WAIT_SECONDS;
  const primary: ThemeId = plan.themes.includes("chatbot") && rng.chance(0.5) ? "chatbot" : plan.theme;

  if (tone === "positive") {
    if (plan.angryStart && plan.recovered && hasAgent && rng.chance(0.7)) {
      parts.push(fill(rng.pick(c.recovered), ctx));
      themes.push("staff_friendliness");
    } else if (rng.chance(0.75)) add(primary, lineFor(rng, c[primary], "pos", hasAgent));
    if (hasAgent && (parts.length === 0 || rng.chance(0.4))) {
      const staff = rng.pick(["staff_friendliness", "staff_competence", "first_contact_resolution"] as const);
      add(staff, lineFor(rng, c[staff], "pos", hasAgent));
    }
  } else if (tone === "negative") {
    if (longWait && rng.chance(0.6)) add("waiting", rng.pick(rng.chance(0.5) ? c.longWait : c.waiting.neg));
    if (primary !== "waiting" || parts.length === 0) add(primary, lineFor(rng, c[primary], "neg", hasAgent));
    if (!plan.resolved && rng.chance(0.35))
      add("first_contact_resolution", lineFor(rng, c.first_contact_resolution, "neg", hasAgent));
    else if (hasAgent && rng.chance(0.15)) {
      const staff = rng.chance(0.5) ? "staff_friendliness" : "staff_competence";
      add(staff, lineFor(rng, c[staff], "neg", hasAgent));
    }
  } else {
    const roll = rng.float();
    if (roll < 0.4) parts.push(rng.pick(c.mixed));
    else if (roll < 0.7) add(primary, lineFor(rng, c[primary], "pos", hasAgent));
    else {
      // two-sided: something good about the agent, something bad about the matter
      if (hasAgent) add("staff_friendliness", lineFor(rng, c.staff_friendliness, "pos", hasAgent));
      // sarcasm belongs to detractors, so a passive's complaint about waiting stays plain
      if (primary === "waiting") add("waiting", rng.pick(c.longWait));
      else add(primary, lineFor(rng, c[primary], "neg", hasAgent));
    }
    if (longWait && rng.chance(0.4)) add("waiting", rng.pick(c.longWait));
  }
  if (parts.length === 0) parts.push(rng.pick(c.mixed));
  return { text: join(...parts), themes };
}
