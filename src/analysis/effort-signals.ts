/**
 * Customer-effort signals stated in the text (Dixon, Freeman & Toman 2010, "Stop Trying to
 * Delight Your Customers": repeat contacts, transfers, re-explaining and waiting are what make
 * service effortful). Rules, not a model: these are explicit statements with a closed vocabulary
 * in both languages, and a rule can say exactly which words it matched.
 *
 * Example: "Soitan jo kolmatta kertaa, jonotin 40 minuuttia" →
 *   repeatContact (ordinal 3) and statedWait 2400 s.
 */

export type EffortKind = "repeat_contact" | "transfer" | "explain_again" | "stated_wait";

export interface EffortSignal {
  kind: EffortKind;
  start: number;
  end: number;
  /** stated_wait: seconds; repeat_contact: the ordinal ("third time" → 3) when stated. */
  value?: number;
}

export interface EffortSummary {
  signals: EffortSignal[];
  repeatContact: boolean;
  transfer: boolean;
  explainAgain: boolean;
  /** The longest wait the text states, in seconds, or null. */
  statedWaitSeconds: number | null;
}

const ORDINALS: Record<string, number> = {
  toinen: 2,
  kolmas: 3,
  neljäs: 4,
  viides: 5,
  kuudes: 6,
  toista: 2,
  toisen: 2,
  kolmatta: 3,
  kolmannen: 3,
  neljättä: 4,
  neljännen: 4,
  viidettä: 5,
  viidennen: 5,
  kuudetta: 6,
  monetta: 4,
  usean: 3,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  "2nd": 2,
  "3rd": 3,
  "4th": 4,
  "5th": 5,
};

/** English number words as amounts of contacts and of time. */
const EN_NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  thirteen: 13,
  fourteen: 14,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};

/**
 * A wait stated as which unit it is in ("odotan jo kuudetta viikkoa", "jonossa toista tuntia"): the
 * sixth week has begun, so at least five whole weeks have passed. The amount is the ordinal less one.
 */
const ORDINAL_AMOUNTS: Record<string, number> = {
  toista: 1,
  kolmatta: 2,
  neljättä: 3,
  viidettä: 4,
  kuudetta: 5,
  seitsemättä: 6,
  kahdeksatta: 7,
  monetta: 2,
};

/** How many times a contact was repeated, in words ("soitin kolme kertaa", "called four times"). */
const TIMES_FI =
  "(\\d+|kaksi|kolme|neljä|viisi|kuusi|seitsemän|kahdeksan|yhdeksän|kymmenen|pari|useita|lukuisia|lukemattomia|kymmeniä)";
const TIMES_EN =
  "(\\d+|two|three|four|five|six|seven|eight|nine|ten|a\\s+few|a\\s+couple\\s+of|countless|numerous|dozens\\s+of)";

/** Ordinals of a contact ("kolmas kerta", "neljäs yhteydenottoni", "third time", "my 4th email"), for the rules and their gates. */
const ORDINAL_FI = "toinen|kolmas|neljäs|viides|kuudes";
const ORDINAL_EN = "second|third|fourth|fifth|sixth|2nd|3rd|4th|5th";
/** Words of contacting the company, in Finnish and English: what makes "kolmas kerta", "the third time" a repeat contact. */
const CONTACT_FI =
  "soit\\w*|kirjoit\\w*|viesti\\w*|yhtey\\w*|otan|otin|ottanu\\w*|chat\\w*|asioi\\w*|kävin|käyn|käyd\\w*|käymään|reklam\\w*|valitu\\w*|valitan|valittan\\w*|valitin|kysy\\w*|kysel\\w*|sähköpost\\w*|meili\\w*|maila\\w*|selit\\w*|kerro\\w*|kerto\\w*|jonot\\w*|jonossa|puhelu\\w*|yhteydenot\\w*|ilmoit\\w*|palautte\\w*";
const CONTACT_EN =
  "call\\w*|phon\\w*|ring\\w*|rang|writ\\w*|wrote|e-?mail\\w*|contact\\w*|chat\\w*|messag\\w*|reach\\w*|ask\\w*|complain\\w*|report\\w*|visit\\w*|tried|try\\w*|explain\\w*|tell\\w*|told|speak\\w*|spoke|talk\\w*|in\\s+touch|through\\s+to|(?:been|come|came|went|gone)\\s+in";

/**
 * `core` (a pattern that ends at a word's end) where its sentence also holds one of `contact`'s words,
 * before or after it.
 */
function withContact(core: string, contact: string): string {
  // The core first: a lookbehind tried at every position of the text cost 12 µs a text.
  return String.raw`${core}(?!\w)(?:(?=[^.!?\n]*?\b(?:${contact}))|(?<=\b(?:${contact})\b[^.!?\n]*))`;
}

const REPEAT: readonly Rule[] = [
  // "kolmatta kertaa", "jo toisen kerran", "third time", "for the 3rd time"
  // With a word of contacting in the same sentence ("soitan jo kolmatta kertaa", "the third time I've
  // called"): "kolmatta kertaa tällä viikolla netti poikki", "the second time this month the power's
  // gone off" are faults that recur.
  gated(
    "kerta|kerran",
    withContact(
      String.raw`\b(toista|toisen|kolmatta|kolmannen|neljättä|neljännen|viidettä|viidennen|kuudetta|monetta|usean)\s+(kertaa|kerran|kerta)`,
      CONTACT_FI,
    ),
  ),
  gated("kerta|kerran", withContact(String.raw`\b(${ORDINAL_FI})\s+(kerta|kerran)`, CONTACT_FI)),
  gated("time", withContact(String.raw`\b(${ORDINAL_EN})\s+time`, CONTACT_EN)),
  gated(
    "taas|jälleen|uudestaan|uudelleen|vieläkin|edelleenkin",
    String.raw`\b(taas|jälleen|uudestaan|uudelleen|vieläkin|edelleenkin)\s+(soita\w*|kirjoita\w*|otta\w*\s+yhteyttä|yhteyde\w*|asia\w*|sama\w*)`,
  ),
  gated(
    "aiemmin|eilen|viikolla|kertaa|useasti|kerran|kahdesti|kolmesti",
    String.raw`\b(soitin|kirjoitin|olen\s+(soittanut|kirjoittanut|ollut\s+yhteydessä)|otin\s+yhteyttä)\s+(jo\s+)?(aiemmin|eilen|viime\s+viikolla|monta\s+kertaa|useasti|useamman\s+kerran|kahdesti|kolmesti)`,
  ),
  gated(
    "again|before|already|times|twice",
    String.raw`\b(called|calling|contacted|contacting|emailed|writing|wrote|chatted)\s+(you\s+)?(again|before|already|several\s+times|multiple\s+times|twice|three\s+times|many\s+times)\b`,
  ),
  // "jo neljäs yhteydenotto", "kolmas soittoni", "my fourth email", "this is the third call": the speaker's
  // own contacts ("jo", a possessive, "my", "this is the"), not "the second email I got"; "yritys" (an
  // attempt, but also a company) only after "jo".
  gated(
    ORDINAL_FI,
    String.raw`\b(?:jo\s+)(${ORDINAL_FI})\s+(yhteydenotto\w*|soitto\w*|puhelu\w*|viesti\w*|sähköposti\w*|reklamaatio\w*|valitus\w*|yritys\w*)|\b(${ORDINAL_FI})\s+(yhteydenottoni|soittoni|puheluni|viestini|sähköpostini|reklamaationi|valitukseni)\b`,
  ),
  gated(
    ORDINAL_EN,
    String.raw`\b(?:my|our|(?:this|it)\s+is\s+(?:the|my)|it's\s+(?:the|my)|that's\s+(?:the|my))\s+(${ORDINAL_EN})\s+(call|email|e-mail|message|complaint|letter|chat|attempt|visit)s?\b`,
  ),
  // "soitin kolme kertaa", "olen ollut yhteydessä neljä kertaa", "oon soittanu pari kertaa" (a count of 2 or more).
  gated(
    "kerta|kerran|krt",
    String.raw`\b(soitin|soittanut|soittanu|soitellut|soitellu|kirjoitin|kirjoittanut|kirjoittanu|viestitin|viestittänyt|laitoin\s+viesti\w*|lähetin\s+viesti\w*|otin\s+yhteyttä|ottanut\s+yhteyttä|ottanu\s+yhteyttä|ollut\s+yhteydessä|ollu\s+yhteydessä|olin\s+yhteydessä|asioinut|asioinu)\s+(\w+\s+){0,3}?${TIMES_FI}\s+(kertaa|kerran|krt)\b`,
  ),
  // "called four times", "I've phoned you 5 times", "reached out a couple of times".
  gated(
    "times",
    String.raw`\b(called|calling|phoned|rang|contacted|emailed|messaged|wrote|written|chatted|reached\s+out)\s+(\w+\s+){0,3}?${TIMES_EN}\s+times\b`,
  ),
  gated(
    "again|still",
    String.raw`\b(yet\s+again|once\s+again|still\s+no\s+(answer|reply|response)|same\s+(issue|problem)\s+again)\b`,
  ),
  // "viiden yhteydenoton jälkeen", "kolmen puhelun jälkeen": a count of the speaker's contacts it took.
  gated(
    "jälkeen|jäläkeen|päästä",
    String.raw`\b(kahden|kolmen|neljän|viiden|kuuden|seitsemän|kahdeksan|yhdeksän|kymmenen|usean|monen|lukuisten|\d+)\s+(yhteydenoton|puhelun|soiton|sähköpostin|viestin|reklamaation|valituksen|käynnin|chatin)\s+(jälkeen|jäläkeen|päästä)\b`,
  ),
  // "after five calls", "took three emails", "two calls and a chat later": what it took the speaker.
  gated(
    "after|took|later|made|sent",
    String.raw`\b(after|took(\s+me)?|i\s+made|i've\s+made|i\s+sent|i've\s+sent)\s+${TIMES_EN}\s+(more\s+)?(phone\s+)?(calls|emails|e-mails|messages|chats|complaints|visits|attempts)\b`,
  ),
];

const TRANSFER = [
  uni(
    String.raw`\b(siirr(ettiin|ettin|ettiin|ettäisiin|etään|ytte|it|ätte|ättiin)|yhdistettiin|ohjattiin|pallotel\w*|pompot\w*|pompott\w*)\b`,
  ),
  // "siirsitte minut", "siirsi puhelun": said of the staff. Not "siirrän"/"siirrä" (I move, move!): a customer
  // moving a subscription or a due date ("miten mä siirrän liittymän uuteen osoitteeseen") was no transfer.
  uni(
    String.raw`\b(siirsi|siirsit|siirsitte|siirsivät)\s+(minut|mut|mua|meidät|puhelun|puheluni|puhelua|asiani|asian)\b`,
  ),
  // Said of the speaker or their call: "they transferred me", "passed me on", "I was bounced around",
  // "my call got redirected". Not money or goods moved ("I transferred £300", "the parcel was handed
  // over to the courier"): LABELS.md counts those as no transfer, and the model reads the rest.
  uni(
    String.raw`\b(transferred|transferring|passed|passing|bounced|bouncing|redirected|handed|shunted)\s+(me|us|my\s+call|our\s+call)\b`,
  ),
  uni(
    String.raw`\b(I|we|call|I've|we've|I'd|I'm|we're)\s+(\w+\s+){0,2}?(was|were|been|being|got|get|gets|getting)\s+(transferred|passed\s+(around|on|along|between|back)|bounced\s+(around|between|back)|redirected|handed\s+over|put\s+through\s+to|shunted)\b`,
  ),
];

const EXPLAIN_AGAIN: readonly Rule[] = [
  // "kerroin asiani kolmelle eri ihmiselle", "explained it to three different people": each anew.
  gated(
    "lle",
    String.raw`\b(selit\w*|kerro\w*|kert\w*|toist\w*)\s+(\w+\s+){0,3}?(kahdelle|kolmelle|neljälle|viidelle|monelle|usealle|jokaiselle|eri)\s+(eri\s+)?(ihmiselle|henkilölle|asiakaspalvelijalle|työntekijälle|virkailijalle|myyjälle|osastolle)\b`,
  ),
  gated(
    "people|agents|persons|advisors|staff|departments|operators",
    String.raw`\b(explain\w*|tell|told|repeat\w*)\s+(\w+\s+){0,4}?to\s+(two|three|four|five|several|multiple|many|different|\d+)\s+(different\s+)?(people|agents|persons|advisors|staff|departments|operators)\b`,
  ),
  gated(
    "taas|uudestaan|uudelleen|alusta|jälleen|kerta|kerra",
    String.raw`\b(selit\w*|kerro\w*|kert\w*|toistamaan|toistaa|toistin)\s+(\w+\s+){0,3}?(taas|uudestaan|uudelleen|alusta|jälleen|monta\s+kertaa|joka\s+kerta|joka\s+kerralla)\b`,
  ),
  gated(
    "again|scratch|time",
    String.raw`\b(explain(ed|ing)?|repeat(ed|ing)?|tell|told|go(ing)?\s+through)\s+(\w+\s+){0,4}(again|from\s+scratch|every\s+time|all\s+over\s+again)\b`,
  ),
];

const WAIT_VERBS_FI =
  "(odot\\w*|jonot\\w*|jonossa|linjalla|linjoilla|pidossa|puhelimessa|oottanu\\w*|ootin|oottaa|odottelin)";
const WAIT_VERBS_EN = "(wait\\w*|on\\s+hold|in\\s+(the\\s+)?queue|queued|queuing|queueing|hold\\s+time|for)";
const AMOUNT = "(\\d+(?:[.,]\\d+)?|[a-zåäö]+(?:-[a-zåäö]+)?)";
const UNIT =
  "(sekunti\\w*|sekunt\\w*|minuut\\w*|min\\b|tunni\\w*|tunti\\w*|tunnin|päivä\\w*|päiv\\w*|vrk|viiko\\w*|viikk\\w*|kuukau\\w*|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)";
const WAIT: readonly Rule[] = [
  gated(
    "odot|jonot|jonossa|linjalla|linjoilla|pidossa|puhelimessa|oottanu|ootin|oottaa",
    `\\b${WAIT_VERBS_FI}\\s+(\\w+\\s+){0,3}?(yli\\s+|melkein\\s+|lähes\\s+|jopa\\s+|noin\\s+|about\\s+)?(?:${AMOUNT}\\s*)?${UNIT}`,
  ),
  gated(
    "odot|jonot|jonossa|linjalla|linjoilla|pidossa|puhelimessa|oottanu|ootin|oottaa",
    `\\b(yli\\s+|melkein\\s+|lähes\\s+|jopa\\s+|noin\\s+)?${AMOUNT}\\s*${UNIT}\\s+(\\w+\\s+){0,2}?${WAIT_VERBS_FI}`,
  ),
  gated(
    "wait|hold|queu|for",
    `\\b${WAIT_VERBS_EN}\\s+(\\w+\\s+){0,3}?(over\\s+|almost\\s+|nearly\\s+|about\\s+|more\\s+than\\s+)?${AMOUNT}\\s*${UNIT}`,
  ),
  // "spent 2 hours on the phone", "been 40 minutes in the queue".
  gated(
    "spent|been",
    `\\b(spent|been)\\s+(over\\s+|almost\\s+|nearly\\s+|about\\s+|more\\s+than\\s+)?${AMOUNT}\\s*${UNIT}\\s+(on\\s+the\\s+(phone|line)|on\\s+hold|in\\s+(the\\s+)?queue|waiting)`,
  ),
  gated(
    "waiting|hold|queue",
    `\\b${AMOUNT}\\s*${UNIT}\\s+(\\w+\\s+){0,2}?(of\\s+)?(waiting|on\\s+hold|in\\s+(the\\s+)?queue|hold)`,
  ),
];

/**
 * A rule and its gate: words one of which every match of the rule contains (matched as the rule is,
 * ignoring case), so a text without any of them is not scanned by the rule, which would find nothing.
 */
interface Rule {
  gate: RegExp;
  re: RegExp;
}

function gated(words: string, source: string): Rule {
  return { gate: new RegExp(words, "iu"), re: uni(source) };
}

/**
 * Compiles a pattern with Unicode-aware word characters: in JavaScript \w and \b are ASCII-only
 * even with the u flag, so "selittämään" would stop matching at "ä".
 */
function uni(source: string): RegExp {
  const W = String.raw`[\p{L}\p{N}_]`;
  // A \b before a group or letter starts a word; any other \b ends one. One-sided lookarounds are
  // several times cheaper than the two-sided boundary.
  const withWords = source.replaceAll(String.raw`\w`, W);
  const bounded = withWords.replace(/\\b(?=[(\p{L}])/gu, `(?<!${W})`).replaceAll(String.raw`\b`, `(?!${W})`);
  return new RegExp(bounded, "giu");
}

/**
 * Cheap gates: a family of rules only runs when the lowercased text holds one of its trigger
 * stems, which most messages do not; the full rules are the expensive part of the analysis.
 */
const GATES = {
  repeat: new RegExp(
    `kert|kerra|kerta|time|taas|jälleen|uude|vieläkin|edelleenkin|soitin|kirjoitin|olen|otin|called|calling|contact|email|writ|wrote|chatted|again|still no|jälkeen|jäläkeen|päästä|after|took|later|made|sent|${ORDINAL_FI}|${ORDINAL_EN}`,
    "u",
  ),
  transfer: /siir|yhdist|ohjat|pallot|pompot|transfer|passed|bounced|put through|redirect|handed/u,
  explain: /selit|kerro|kert|toist|explain|repeat|tell|told|going through|go through/u,
  wait: /sek|min|tun|päiv|pv|vrk|viik|kuuk|kk|second|sec|hour|hr|day|week|month/u,
};

/**
 * Every wait rule needs one of UNIT's words, so a text without any of their beginnings (tested as the
 * rules match: on the text itself, ignoring case) has no stated wait. The wait gate alone lets most
 * Finnish texts through ("minä", "tuntuu", "sekä"); this one, on top of it, skips the costly rules for them.
 */
const WAIT_UNIT = new RegExp(
  uni(
    String.raw`sekunt|minuut|minute|mins|min\b|tunni|tunti|päiv|vrk|viiko|viikk|kuukau|sec|hour|hr|day|week|month`,
  ).source,
  "iu",
);

/** An amount as customers write it (DURATION_AMOUNTS: digits, number words and their forms), or null. */
function amountOf(word: string): number | null {
  const w = word.toLowerCase();
  if (/^\d/.test(w)) return Number(w.replace(",", "."));
  if (Object.hasOwn(DURATION_AMOUNTS, w)) return DURATION_AMOUNTS[w] as number;
  return compoundNumber(w);
}

/** The ordinal a match names ("kolmatta kertaa", "neljäs yhteydenottoni", "my 4th email" → 3, 4, 4), if any. */
function ordinalOf(m: RegExpMatchArray): number | undefined {
  for (let i = 1; i < m.length; i++) {
    const group = m[i];
    if (group !== undefined && Object.hasOwn(ORDINALS, group.toLowerCase()))
      return ORDINALS[group.toLowerCase()];
  }
  return undefined;
}

/**
 * The count of a "<count> times" match ("soitin kolme kertaa", "called 4 times" → 3, 4): its last or
 * second-to-last group, when that names a whole number of 2 or more.
 */
function timesOf(m: RegExpMatchArray): number | undefined {
  for (const group of [m.at(-1), m.at(-2)]) {
    const n = group === undefined ? null : amountOf(group.trim());
    if (n !== null && n >= 2 && Number.isInteger(n)) return n;
  }
  return undefined;
}

/**
 * A stretch of the text (offsets into the text effortSignals reads: a sentence, or the whole of a
 * short text) in which the effort model (models/effort-*.model.json) finds `kind` stated, with its
 * probability; only hits at or above the model's threshold for the kind.
 */
export interface EffortModelHit {
  kind: EffortKind;
  start: number;
  end: number;
  p: number;
}

/** The effort model's labels, in its files' order (training/effort-model.ts trains it with these). */
export const EFFORT_MODEL_LABELS: readonly EffortKind[] = [
  "repeat_contact",
  "transfer",
  "explain_again",
  "stated_wait",
];

/**
 * Finds the stated effort in one text: the rules' closed phrases, and where they find none of a kind,
 * the effort model's surest hit of it (`modelHits`). A wait the model finds counts only with a length:
 * the longest duration stated in its stretch (durationsIn), as LABELS.md counts a wait. Offsets are
 * UTF-16 indices into the text.
 */
export function effortSignals(text: string, modelHits: readonly EffortModelHit[] = []): EffortSummary {
  const signals: EffortSignal[] = [];
  const lower = text.toLowerCase();
  for (const { gate, re } of GATES.repeat.test(lower) ? REPEAT : []) {
    if (!gate.test(text)) continue;
    for (const m of text.matchAll(re)) {
      const ordinal = ordinalOf(m) ?? timesOf(m);
      signals.push({
        kind: "repeat_contact",
        start: m.index,
        end: m.index + m[0].length,
        ...(ordinal ? { value: ordinal } : {}),
      });
    }
  }
  for (const re of GATES.transfer.test(lower) ? TRANSFER : []) {
    for (const m of text.matchAll(re))
      signals.push({ kind: "transfer", start: m.index, end: m.index + m[0].length });
  }
  for (const { gate, re } of GATES.explain.test(lower) ? EXPLAIN_AGAIN : []) {
    if (!gate.test(text)) continue;
    for (const m of text.matchAll(re))
      signals.push({ kind: "explain_again", start: m.index, end: m.index + m[0].length });
  }
  for (const { gate, re } of GATES.wait.test(lower) && WAIT_UNIT.test(text) ? WAIT : []) {
    if (!gate.test(text)) continue;
    for (const m of text.matchAll(re)) {
      const groups = m.slice(1).filter((g): g is string => g !== undefined);
      let seconds: number | null = null;
      for (let i = 0; i < groups.length - 1 && seconds === null; i++) {
        const amount = amountOf((groups[i] as string).trim());
        const unit = unitOf((groups[i + 1] as string).trim());
        if (amount !== null && unit !== null) seconds = Math.round(amount * unit);
      }
      // "jonotin tunnin", "odotin viikon": a unit in the singular accusative means one of it.
      const lone = groups.at(-1)?.trim().toLowerCase() ?? "";
      if (seconds === null && /^(tunnin|minuutin|päivän|viikon|kuukauden)$/.test(lone))
        seconds = unitOf(lone);
      // "jonossa nyt 1 h 20 min": the rule's groups hold one amount and unit; the duration reader all of them.
      for (const d of seconds === null ? [] : durationsIn(m[0]))
        seconds = Math.max(seconds as number, d.seconds);
      if (seconds !== null && seconds > 0) {
        signals.push({ kind: "stated_wait", start: m.index, end: m.index + m[0].length, value: seconds });
      }
    }
  }
  for (const kind of modelHits.length > 0 ? EFFORT_MODEL_LABELS : []) {
    if (signals.some((x) => x.kind === kind)) continue;
    const hits = modelHits.filter((h) => h.kind === kind).sort((a, b) => b.p - a.p);
    if (kind !== "stated_wait") {
      const best = hits[0];
      if (best) signals.push({ kind, start: best.start, end: best.end });
      continue;
    }
    for (const h of hits) {
      const longest = durationsIn(text.slice(h.start, h.end)).sort((a, b) => b.seconds - a.seconds)[0];
      if (!longest) continue;
      signals.push({
        kind,
        start: h.start + longest.start,
        end: h.start + longest.end,
        value: longest.seconds,
      });
      break;
    }
  }
  signals.sort((a, b) => a.start - b.start || b.end - a.end);
  const deduped = signals.filter(
    (s, i) =>
      !signals.some(
        (o, j) =>
          j !== i &&
          o.kind === s.kind &&
          o.start <= s.start &&
          o.end >= s.end &&
          (o.start < s.start || o.end > s.end || j < i),
      ),
  );
  const waits = deduped.filter((s) => s.kind === "stated_wait").map((s) => s.value as number);
  return {
    signals: deduped,
    repeatContact: deduped.some((s) => s.kind === "repeat_contact"),
    transfer: deduped.some((s) => s.kind === "transfer"),
    explainAgain: deduped.some((s) => s.kind === "explain_again"),
    statedWaitSeconds: waits.length > 0 ? Math.max(...waits) : null,
  };
}

/**
 * Amounts as customers write them before a unit of time: digits, Finnish number words in the forms a
 * duration takes ("kolme viikkoa", "kolmen viikon", "kolmessa viikossa") and their spoken forms ("kaks",
 * "kuus", "kakskyt"), the ordinal of the unit it is in ("kolmatta viikkoa": 2), English number words;
 * "pari"/"a couple of" 2, "muutama"/"a few" 3 (lower bounds are what LABELS.md counts, but "a few" is
 * rarely two).
 */
const DURATION_AMOUNTS: Record<string, number> = {
  ...Object.fromEntries(
    (
      [
        [1, "yksi yhden yhdessä yks yhen yhes"],
        [2, "kaksi kahden kahdessa kahta kaks kahen kahes kahessa"],
        [3, "kolme kolmen kolmessa kolmea kolmes kolome"],
        [4, "neljä neljän neljässä neljää nelj"],
        [5, "viisi viiden viidessä viittä viis viien viies viiessä"],
        [6, "kuusi kuuden kuudessa kuutta kuus kuuen kuues kuuessa"],
        [7, "seitsemän seitsemässä seitsemää seittemän seiska"],
        [8, "kahdeksan kahdeksassa kahdeksaa kaheksan"],
        [9, "yhdeksän yhdeksässä yhdeksää yheksän"],
        [10, "kymmenen kymmenessä kymmentä kymppi"],
        [11, "yksitoista yhdentoista"],
        [12, "kaksitoista kahdentoista kakstoista"],
        [14, "neljätoista neljäntoista"],
        [15, "viisitoista viidentoista viistoista"],
        [20, "kaksikymmentä kahdenkymmenen kakskyt kakskymmentä"],
        [30, "kolmekymmentä kolmenkymmenen kolkyt kolmekyt"],
        [40, "neljäkymmentä neljänkymmenen nelkyt neljäkyt"],
        [45, "neljäkymmentäviisi nelkytviis"],
        [50, "viisikymmentä viidenkymmenen viiskyt"],
        [60, "kuusikymmentä kuudenkymmenen kuuskyt"],
        [90, "yhdeksänkymmentä"],
        [0.5, "puoli puolen puol puolessa puolisen"],
        [1.5, "puolitoista puoltoista puolentoista puoltoist puolentoist puolessatoista"],
        [2, "pari parin parissa parisen paris pariin"],
        [3, "muutama muutaman muutamassa muutamaan"],
        // Illatives ("ei kuulunut mitään kuuteen viikkoon"), about-forms ("kolmisen tuntia", "kymmenkunta minuuttia").
        [1, "yhteen"],
        [2, "kahteen"],
        [3, "kolmeen kolmisen"],
        [4, "neljään nelisen"],
        [5, "viiteen viitisen"],
        [6, "kuuteen kuutisen"],
        [7, "seitsemään seihtemän"],
        [8, "kahdeksaan"],
        [9, "yhdeksään"],
        [10, "kymmeneen kymmenisen kymmenkunta"],
        [20, "parikymmentä parisenkymmentä kaksisenkymmentä"],
        [30, "kolmisenkymmentä"],
        [40, "nelisenkymmentä"],
        [0.5, "puoleks puoleksi"],
        // The unit it is in, said with a cardinal's ordinal ("kolmas viikko menossa", "vastasi vasta
        // toisena päivänä"): one fewer have surely passed.
        [1, "toinen toisena toisella"],
        [2, "kolmas kolmantena kolmannella"],
        [3, "neljäs neljäntenä neljännellä"],
        [4, "viides viidentenä viidennellä"],
        [5, "kuudes kuudentena kuudennella"],
        [6, "seitsemäntenä seitsemännellä"],
        [7, "kahdeksantena kahdeksannella"],
        [8, "yhdeksättä yhdeksäntenä yhdeksännellä"],
        [9, "kymmenettä kymmenentenä kymmenennellä"],
        [1, "second"],
        [2, "third"],
        [3, "fourth"],
        [4, "fifth"],
        [5, "sixth"],
        [6, "seventh"],
        [7, "eighth"],
        [8, "ninth"],
        [9, "tenth"],
      ] as const
    ).flatMap(([n, forms]) => forms.split(" ").map((f) => [f, n])),
  ),
  // "kolmatta viikkoa", "toista tuntia": the unit it is in, so one fewer have surely passed.
  ...ORDINAL_AMOUNTS,
  ...EN_NUMBER_WORDS,
  a: 1,
  an: 1,
  half: 0.5,
  "a couple of": 2,
  "a few": 3,
  couple: 2,
  few: 3,
  several: 3,
  useita: 3,
  monta: 3,
};

/** A unit of time in the forms customers write it, to its seconds ("h", "min", "tuntii", "viikkoo", "vrk"). */
const DURATION_UNITS: [RegExp, number][] = [
  [/^(sekunt|sek$|s$|secs?$|seconds?$)/u, 1],
  [/^(minuut|min$|mins$|minutes?$|minsa|minaa)/u, 60],
  [/^(tunti|tunni|tuntu|tuntii|h$|hours?$|hrs?$)/u, 3600],
  [/^(päiv|paiv|pv$|pvä|vrk|vuorokau|arkipäiv|arkipaiv|days?$)/u, 86400],
  [/^(viiko|viikk|vko|weeks?$|wks?$)/u, 7 * 86400],
  [/^(fortnight)/u, 14 * 86400],
  [/^(vartti|vartin|varttia|varttii|vartissa|varttiin)$/u, 900],
  [/^(kuukau|kk$|months?$)/u, 30 * 86400],
];

/** One of a unit in Finnish, without an amount: "jonotin tunnin", "viikon päästä", "nyt on mennyt viikko". */
const LONE_UNITS = new Set([
  "vartti",
  "vartin",
  "tunnin",
  "tunti",
  "minuutin",
  "päivän",
  "päivä",
  "vuorokauden",
  "viikon",
  "viikko",
  "kuukauden",
  "kuukausi",
  "kuukaus",
  "minuutti",
  // "vastaus tuli viikossa", "ei kuulunut viikkoon mitään" (not "kerran viikossa": LONE_AFTER_COUNT).
  "minuutissa",
  "vartissa",
  "tunnissa",
  "päivässä",
  "vuorokaudessa",
  "viikossa",
  "kuukaudessa",
  "tuntiin",
  "päivään",
  "viikkoon",
  "kuukauteen",
]);
/** "kerran viikossa", "kaksi kertaa päivässä": how often, not how long. */
const LONE_AFTER_COUNT = /^(kerran|kertaa|kerta|krt|kertoja)$/u;
/** Words between an amount and its unit: "two full weeks", "40-odd minutes", "the third working day". */
const BETWEEN = new Set([
  "full",
  "whole",
  "good",
  "solid",
  "long",
  "entire",
  "odd",
  "working",
  "business",
  "täyttä",
  "kokonaista",
  "pitkää",
  "pitkän",
]);
/** English ordinals: "a second week" is one week gone, not a second. */
const EN_ORDINALS = new Set([
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
]);
/** Finnish tens, as a compound's first part ("neljäkymmentäviis", "kolkytviis"). */
const FI_TENS: readonly [string, number][] = [
  ["kaksikymmentä", 20],
  ["kakskymmentä", 20],
  ["kakskyt", 20],
  ["kolmekymmentä", 30],
  ["kolmekyt", 30],
  ["kolkyt", 30],
  ["neljäkymmentä", 40],
  ["neljäkyt", 40],
  ["nelkyt", 40],
  ["viisikymmentä", 50],
  ["viiskyt", 50],
  ["kuusikymmentä", 60],
  ["kuuskyt", 60],
];

/** The words and numbers of a text with their offsets ("45min" is two: "45", "min"). */
const DURATION_TOKEN = /\d+(?:[.,]\d+)?|[\p{L}]+(?:-[\p{L}]+)?/gu;
/** A window promised for the future is not a wait: "viikon sisällä", "within a week", "kuluessa". */
const PROMISE_AFTER = /^\s*(sisällä|sisässä|sisään|kuluessa|kuluttua\s+tästä)/iu;
const PROMISE_BEFORE = /(?<!\p{L})(within|in\s+the\s+next|viimeistään|alle)\s*$/iu;
/**
 * A window met, told in the past ("my complaint was answered within four days", "vika korjattiin
 * vuorokauden kuluessa", "paketti saapui kolmen päivän sisään"): what the customer waited, as LABELS.md
 * counts a wait even when short or praised. A past verb in the clause before the window, and nothing
 * of the future, a promise or a need in it ("I was told it would be fixed within 48 hours", "I need it
 * within a week" stay windows).
 */
const PAST_VERB =
  /(?<!\p{L})(was|were|had|got|came|arrived|rang|turned\s+up|showed\s+up|(?!(?:indeed|speed|proceed|exceed|succeed|feed|bleed|breed)(?!\p{L}))\p{L}{3,}ed|tuli|tulivat|saapui|saapu|sain|saatiin|saimme|vastasi|vastas|korjasi|korjas|hoiti|ratkesi|soitti|\p{L}+ttiin|\p{L}+ettiin)(?!\p{L})/iu;
const NOT_MET =
  /(?<!\p{L})(will|would|should|shall|promised?|said|told|expect\w*|please|must|can|could|need\w*|want\w*|have\s+to|has\s+to|luvattiin|luvattu|lupasi\w*|sanottiin|sanoivat|pitäisi|pitää|täytyy|tarvit\w*|halua\w*|voisitte|voitteko|pyydän|pyydämme|odotan|odotamme)(?!\p{L})/iu;
/**
 * A time promised, estimated or usual, a word or two before the duration: "luvattiin 3–4 viikkoa",
 * "toimitus kestää yleensä 2 päivää", "they promised 48 hours", "it usually takes about a week": what
 * the company says a thing takes, not what the customer waited ("promised a callback 3 days ago" is).
 */
const QUOTED_BEFORE =
  /(?<!\p{L})(luvattiin|luvattu|lupasitte|lupasivat|lupasi|arvioitu|arvioitiin|arvioidaan|promised|estimated|takes|will\s+take|should\s+take|usually|normally|yleensä|normaalisti)(\s+[\p{L}\d–-]+){0,2}?\s*$/iu;
/** "… 3 days ago", "kolme viikkoa sitten": a time past, which a promise before it does not make a promise. */
const AGO_AFTER = /^\s*(ago|sitten|sitte)\b/iu;

/**
 * "fifty-five", "twenty-one": an English ten and unit joined by a hyphen; "neljäkymmentäviis", "kolkytkaks":
 * a Finnish ten and unit in one word; otherwise null.
 */
function compoundNumber(word: string): number | null {
  for (const [tens, n] of FI_TENS) {
    const ones = word.startsWith(tens) ? onesOf(word.slice(tens.length)) : null;
    if (ones !== null) return n + ones;
  }
  // "yhdeksäntoista", "viistoista": a unit and "toista" (teen); "toista" alone is an ordinal.
  const teen = word.endsWith("toista") ? onesOf(word.slice(0, -6)) : null;
  if (teen !== null) return 10 + teen;
  const [tens, ones, more] = word.split("-");
  if (tens === undefined || ones === undefined || more !== undefined) return null;
  if (!Object.hasOwn(EN_NUMBER_WORDS, tens) || !Object.hasOwn(EN_NUMBER_WORDS, ones)) return null;
  const t = EN_NUMBER_WORDS[tens] as number;
  const o = EN_NUMBER_WORDS[ones] as number;
  return t >= 20 && t % 10 === 0 && o < 10 ? t + o : null;
}

/** A number word of 1–9 in DURATION_AMOUNTS's forms ("viis", "kaks", "five"), the units of a compound; else null. */
function onesOf(word: string): number | null {
  const n = Object.hasOwn(DURATION_AMOUNTS, word) ? (DURATION_AMOUNTS[word] as number) : null;
  return n !== null && Number.isInteger(n) && n >= 1 && n <= 9 ? n : null;
}

function unitOf(word: string): number | null {
  const w = word.toLowerCase();
  for (const [re, seconds] of DURATION_UNITS) if (re.test(w)) return seconds;
  return null;
}

/**
 * Every duration a text states, in seconds, with its span: an amount and a unit ("45 min", "kolme
 * viikkoa", "puoltoista tuntia", "an hour and a half", "kahdessa päivässä"), one of a unit in Finnish
 * ("tunnin", "viikon päästä"), adjacent ones summed ("1 h 20 min"). A window promised for the future
 * ("viikon sisällä", "within a week") is left out. Years are not read: a customer's years are loyalty,
 * not waiting. Which of them is a wait is for the effort model and rules to say.
 */
export function durationsIn(text: string): { start: number; end: number; seconds: number }[] {
  const tokens = [...text.matchAll(DURATION_TOKEN)].map((m) => ({
    word: m[0].toLowerCase(),
    start: m.index,
    end: m.index + m[0].length,
  }));
  const word = (i: number) => tokens[i]?.word ?? "";
  // "and a half", "and a quarter", "ja puoli" after the unit at `u`: the part and its last token.
  const afterUnit = (u: number): { amount: number; last: number } | null => {
    if (word(u + 1) === "and" && word(u + 2) === "a" && word(u + 3) === "half")
      return { amount: 0.5, last: u + 3 };
    if (word(u + 1) === "and" && word(u + 2) === "a" && word(u + 3) === "quarter")
      return { amount: 0.25, last: u + 3 };
    if (word(u + 1) === "ja" && /^puol(i|e)?$/u.test(word(u + 2))) return { amount: 0.5, last: u + 2 };
    return null;
  };
  const found: { start: number; end: number; seconds: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = word(i);
    // The amount and where its unit is: "a few days", "a couple of weeks", "half an hour".
    let amount: number | null = null;
    let u = i + 1;
    // "a second week": the ordinal is the amount.
    if ((w === "a" || w === "an") && EN_ORDINALS.has(word(i + 1)) && unitOf(word(i + 2)) !== null) continue;
    if (w === "a" && word(i + 1) === "few") [amount, u] = [3, i + 2];
    else if (w === "a" && word(i + 1) === "couple" && word(i + 2) === "of") [amount, u] = [2, i + 3];
    else if (w === "a" && word(i + 1) === "couple") [amount, u] = [2, i + 2];
    else if (w === "half" && (word(i + 1) === "an" || word(i + 1) === "a")) [amount, u] = [0.5, i + 2];
    else if ((w === "a" || w === "three") && word(i + 1).startsWith("quarter") && word(i + 2) === "of")
      [amount, u] = [w === "a" ? 0.25 : 0.75, word(i + 3) === "an" || word(i + 3) === "a" ? i + 4 : i + 3];
    else if (w === "quarter" && word(i + 1) === "of" && (word(i + 2) === "an" || word(i + 2) === "a"))
      [amount, u] = [0.25, i + 3];
    else amount = amountOf(w);
    if (amount !== null) {
      // "fifty two minutes", "kakskyt viis minuuttia": a ten and a unit as two words.
      const next = onesOf(word(u));
      if (next !== null && amount >= 20 && amount % 10 === 0 && /^\p{L}/u.test(w)) {
        amount += next;
        u++;
      }
      // "two and a half weeks", "one and half hour", "kaks ja puol viikkoa", "kahden ja puolen tunnin"
      if (word(u) === "and" && word(u + 1) === "a" && word(u + 2) === "half")
        [amount, u] = [amount + 0.5, u + 3];
      else if (word(u) === "and" && word(u + 1) === "half") [amount, u] = [amount + 0.5, u + 2];
      else if (word(u) === "ja" && /^puol(i|e|en)?$/u.test(word(u + 1))) [amount, u] = [amount + 0.5, u + 2];
      if (BETWEEN.has(word(u)) && unitOf(word(u + 1)) !== null) u++;
    }
    const unit = amount !== null && amount > 0 && u < tokens.length ? unitOf(word(u)) : null;
    if (amount !== null && unit !== null) {
      let end = (tokens[u] as { end: number }).end;
      // "an hour and a half", "two hours and a quarter", "tunti ja puoli"
      const part = afterUnit(u);
      if (part) {
        amount += part.amount;
        end = (tokens[part.last] as { end: number }).end;
      }
      found.push({ start: (tokens[i] as { start: number }).start, end, seconds: Math.round(amount * unit) });
      i = u;
      continue;
    }
    // "day sixteen", "week 2", "päivä 9": the unit's count, so one fewer have surely passed.
    const count = /^(day|week|month|päivä|viikko)$/u.test(w) ? amountOf(word(i + 1)) : null;
    if (count !== null && Number.isInteger(count) && count >= 2) {
      const t = tokens[i + 1] as { end: number };
      found.push({
        start: (tokens[i] as { start: number }).start,
        end: t.end,
        seconds: (count - 1) * (unitOf(w) as number),
      });
      i++;
      continue;
    }
    // "a fifteen-minute queue", "2-hour wait"
    const [head, tail] = w.split("-");
    const hyphened = tail !== undefined && !/\d/u.test(tail) ? amountOf(head as string) : null;
    if (hyphened !== null && hyphened > 0 && unitOf(tail as string) !== null) {
      const t = tokens[i] as { start: number; end: number };
      found.push({
        start: t.start,
        end: t.end,
        seconds: Math.round(hyphened * (unitOf(tail as string) as number)),
      });
      continue;
    }
    if (LONE_UNITS.has(w) && !LONE_AFTER_COUNT.test(word(i - 1))) {
      const t = tokens[i] as { start: number; end: number };
      const part = afterUnit(i);
      const seconds = unitOf(w) as number;
      found.push({
        start: t.start,
        end: part ? (tokens[part.last] as { end: number }).end : t.end,
        seconds: Math.round((1 + (part?.amount ?? 0)) * seconds),
      });
    }
  }
  found.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number; seconds: number }[] = [];
  for (const f of found) {
    const last = merged.at(-1);
    if (last && /^\s*(ja|and|,)?\s*$/iu.test(text.slice(last.end, f.start)) && f.seconds < last.seconds) {
      last.end = f.end;
      last.seconds += f.seconds;
    } else merged.push({ ...f });
  }
  return merged.filter((d) => {
    const before = text.slice(Math.max(0, d.start - 60), d.start);
    const after = text.slice(d.end);
    // A window's clause is read only for a duration that has a window.
    const met = () => {
      const clause =
        text
          .slice(Math.max(0, d.start - 80), d.start)
          .split(/[,.;:!?]/u)
          .at(-1) ?? "";
      return PAST_VERB.test(clause) && !NOT_MET.test(clause);
    };
    const window = PROMISE_AFTER.test(after) || PROMISE_BEFORE.test(before);
    return (!window || met()) && (AGO_AFTER.test(after) || !QUOTED_BEFORE.test(before));
  });
}
