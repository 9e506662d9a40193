import type { EffortSignal, Pick } from "./coaching-picks.ts";

/**
 * Suggested discussion questions for a coaching session, from the picks' behaviours and moments.
 * Rule-based templates in Finnish and English (no language model): each names the pick (its
 * position in the session, 1-based) and, where there is one, the turn to listen to. Each template
 * is used once, so a session gets a handful of different questions, not the same one per pick.
 *
 * Example: a worst-ending pick whose agent never stated a next step gives
 * "Pick 1, turn 7: the customer's last words were negative. …" and
 * "Pick 1: the customer was not told a clear next step. …".
 */

export const QUESTION_IDS = [
  "worst_ending",
  "recovery_reply",
  "effort",
  "gratitude",
  "blame",
  "typical",
  "no_next_steps",
  "no_confirmation",
  "empathy",
] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];

export interface Question {
  id: QuestionId;
  /** 1-based position of the pick in the session. */
  pick: number;
  encounter_id: string;
  /** 0-based turn index, as in the picks; null when the question is about the whole encounter. */
  turn: number | null;
  text: { fi: string; en: string };
}

/** At most this many questions: a session is an hour, not a questionnaire. */
export const MAX_QUESTIONS = 7;

const BEHAVIOUR_NAMES: Record<string, { fi: string; en: string }> = {
  greeting: { fi: "tervehdys", en: "greeting" },
  introduction: { fi: "esittäytyminen", en: "introduction" },
  empathy: { fi: "empatia", en: "empathy" },
  apology: { fi: "pahoittelu", en: "apology" },
  ownership: { fi: "vastuunotto", en: "ownership" },
  solution: { fi: "ratkaisu", en: "solution" },
  confirm_resolution: { fi: "ratkaisun varmistus", en: "confirming the resolution" },
  next_steps: { fi: "jatkotoimet", en: "next steps" },
  polite_close: { fi: "kohtelias lopetus", en: "polite close" },
};

const EFFORT_PHRASES: Record<EffortSignal, { fi: string; en: string }> = {
  repeat_contact: { fi: "oli ollut yhteydessä jo aiemmin", en: "had contacted us before" },
  transfer: { fi: "siirrettiin eteenpäin", en: "was transferred" },
  explain_again: { fi: "joutui selittämään asiansa uudelleen", en: "had to explain again" },
  stated_wait: { fi: "mainitsi odottaneensa", en: "mentioned waiting" },
};

function list(items: string[], and: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;
}

function where(pick: number, turn: number | null): { fi: string; en: string } {
  return turn === null
    ? { fi: `Poiminta ${pick}`, en: `Pick ${pick}` }
    : { fi: `Poiminta ${pick}, vuoro ${turn + 1}`, en: `Pick ${pick}, turn ${turn + 1}` };
}

function agentBehaviours(p: Pick): Set<string> {
  const out = new Set<string>();
  for (const t of p.candidate.analysis.turns) {
    if (t.speaker === "agent") for (const b of t.behaviours ?? []) out.add(b);
  }
  return out;
}

function agentTurnWith(p: Pick, behaviour: string): number | null {
  const i = p.candidate.analysis.turns.findIndex(
    (t) => t.speaker === "agent" && (t.behaviours ?? []).includes(behaviour),
  );
  return i >= 0 ? i : null;
}

function main(p: Pick, n: number): Question | null {
  const w = where(n, p.turn);
  const base = { pick: n, encounter_id: p.encounterId, turn: p.turn };
  switch (p.kind) {
    case "worst_ending":
      return {
        id: "worst_ending",
        ...base,
        text: {
          fi: `${w.fi}: asiakkaan viimeiset sanat olivat kielteisiä. Mitä ennen tätä kohtaa olisi voinut sanoa tai tehdä toisin, jotta loppu olisi ollut parempi?`,
          en: `${w.en}: the customer's last words were negative. What could have been said or done before this point to change the ending?`,
        },
      };
    case "best_recovery": {
      const turn = p.turn === null ? undefined : p.candidate.analysis.turns[p.turn];
      const shown = (turn?.speaker === "agent" ? (turn.behaviours ?? []) : []).filter(
        (b) => BEHAVIOUR_NAMES[b],
      );
      const names = (lang: "fi" | "en") =>
        shown.length > 0
          ? ` (${list(
              shown.map((b) => BEHAVIOUR_NAMES[b]?.[lang] ?? b),
              lang === "fi" ? "ja" : "and",
            )})`
          : "";
      return {
        id: "recovery_reply",
        ...base,
        text: {
          fi: `${w.fi}: tämän vastauksen${names("fi")} jälkeen harmistunut asiakas muuttui myönteiseksi. Mikä siinä toimi, ja missä muissa tilanteissa voisimme sanoa saman?`,
          en: `${w.en}: after this reply${names("en")} the upset customer turned positive. What in it worked, and where else could we say the same?`,
        },
      };
    }
    case "highest_effort": {
      const signals = p.candidate.effortSignals;
      const fi =
        signals.length > 0
          ? `asiakas ${list(
              signals.map((s) => EFFORT_PHRASES[s].fi),
              "ja",
            )}`
          : `asiakas siirrettiin ${p.candidate.transfers} kertaa`;
      const en =
        signals.length > 0
          ? `the customer ${list(
              signals.map((s) => EFFORT_PHRASES[s].en),
              "and",
            )}`
          : `the customer was transferred ${p.candidate.transfers} times`;
      return {
        id: "effort",
        ...base,
        text: {
          fi: `${w.fi}: ${fi}. Missä kohdassa olisimme voineet säästää asiakkaan vaivaa?`,
          en: `${w.en}: ${en}. Where could we have saved the customer this effort?`,
        },
      };
    }
    case "gratitude":
      return {
        id: "gratitude",
        ...base,
        text: {
          fi: `${w.fi}: asiakas kiitti tässä. Mitä asiakaspalvelija oli tehnyt, jota asiakas arvosti?`,
          en: `${w.en}: the customer thanked us here. What had the agent done that the customer valued?`,
        },
      };
    case "blame":
      return {
        id: "blame",
        ...base,
        text: {
          fi: `${w.fi}: asiakaspalvelijan sanat voivat kuulostaa asiakkaan syyttelyltä. Miten saman asian voisi sanoa syyttämättä?`,
          en: `${w.en}: the agent's words can read as blaming the customer. How could the same thing be said without blame?`,
        },
      };
    case "typical":
      return {
        id: "typical",
        ...base,
        text: {
          fi: `Poiminta ${n} on tiimille tavallinen kohtaaminen. Mitä teemme siinä hyvin joka päivä, ja mikä yksi asia tekisi siitä paremman?`,
          en: `Pick ${n} is an ordinary encounter for this team. What do we do well in it every day, and what one thing would make it better?`,
        },
      };
  }
}

/** The suggested questions for these picks (in session order), at most MAX_QUESTIONS, each template once. */
export function coachingQuestions(picks: readonly Pick[]): Question[] {
  const out: Question[] = [];
  const used = new Set<QuestionId>();
  const add = (q: Question | null) => {
    if (!q || used.has(q.id) || out.length >= MAX_QUESTIONS) return;
    used.add(q.id);
    out.push(q);
  };
  picks.forEach((p, i) => {
    add(main(p, i + 1));
  });
  // Then what the behaviours say across the picks: a missing next step or check, empathy that showed.
  picks.forEach((p, i) => {
    const n = i + 1;
    const seen = agentBehaviours(p);
    const hasAgent = p.candidate.analysis.turns.some((t) => t.speaker === "agent");
    const base = { pick: n, encounter_id: p.encounterId };
    if (hasAgent && p.kind !== "best_recovery" && p.kind !== "gratitude" && !seen.has("next_steps")) {
      add({
        id: "no_next_steps",
        ...base,
        turn: null,
        text: {
          fi: `Poiminta ${n}: asiakkaalle ei kerrottu selvää seuraavaa askelta. Mitä asiakkaan olisi pitänyt kuulla siitä, mitä seuraavaksi tapahtuu?`,
          en: `Pick ${n}: the customer was not told a clear next step. What should the customer have heard about what happens next?`,
        },
      });
    }
    const empathy = agentTurnWith(p, "empathy");
    if (empathy !== null && p.kind !== "best_recovery") {
      const w = where(n, empathy);
      add({
        id: "empathy",
        ...base,
        turn: empathy,
        text: {
          fi: `${w.fi}: asiakaspalvelija osoitti tässä empatiaa. Miten asiakas reagoi, ja mitä tästä kannattaa pitää?`,
          en: `${w.en}: the agent showed empathy here. How did the customer react, and what is worth keeping?`,
        },
      });
    }
    if (hasAgent && (p.kind === "worst_ending" || p.kind === "typical") && !seen.has("confirm_resolution")) {
      add({
        id: "no_confirmation",
        ...base,
        turn: null,
        text: {
          fi: `Poiminta ${n}: varmistimmeko asiakkaalta, että ratkaisu toimi hänen kannaltaan? Miten sen olisi voinut tehdä tässä?`,
          en: `Pick ${n}: did we check with the customer that the solution worked for them? How could that have been done here?`,
        },
      });
    }
  });
  return out;
}
