import type { PulseAnswer } from "../domain/index.ts";
import type { MonthSpan } from "./calendar.ts";
import { PLANT } from "./plant.ts";
import type { Rng } from "./prng.ts";
import { PULSE_COMMENTS } from "./pulse-bank.ts";
import { TEAMS } from "./themes.ts";

/**
 * Monthly employee pulse (0–10) per team, 6–12 answers each. The lead team's mean drops from the
 * eNPS drop month on (truth 2); other teams wobble around a team-specific base with no trend.
 */
export function buildPulse(rng: Rng, months: readonly MonthSpan[], enpsDropIndex: number): PulseAnswer[] {
  const out: PulseAnswer[] = [];
  const teamBase = new Map(TEAMS.map((t) => [t.id, PLANT.pulseBase + rng.normal(0, 0.25)] as const));
  months.forEach((span, m) => {
    for (const team of TEAMS) {
      const strained = team.id === PLANT.leadTeam && m >= enpsDropIndex;
      const mean = strained ? PLANT.pulseAfterDrop : (teamBase.get(team.id) ?? PLANT.pulseBase);
      const count = rng.int(6, 12);
      for (let i = 0; i < count; i++) {
        const score = Math.min(10, Math.max(0, Math.round(rng.normal(mean, PLANT.pulseSd))));
        const answer: PulseAnswer = {
          id: `pulse-${String(out.length + 1).padStart(6, "0")}`,
          team: team.id,
          period: span.key,
          score,
        };
        if (rng.chance(0.45)) {
          const bank = PULSE_COMMENTS[rng.chance(0.85) ? "fi" : "en"];
          const pool =
            score <= 6
              ? strained && rng.chance(0.7)
                ? bank.strain
                : bank.low
              : score <= 8
                ? bank.mid
                : bank.high;
          answer.comment = rng.pick(pool);
        }
        out.push(answer);
      }
    }
  });
  return out;
}
