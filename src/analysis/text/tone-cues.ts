/**
 * Customer-experience events that are bad news whatever words surround them: lateness and delay,
 * queueing and long waits, being charged twice, being cut off, not being called back or answered,
 * something still not arriving, plain sarcasm markers, and disbelief in what is promised ("samaa
 * luvattiin viimeksikin", "I'll believe it when I see it"). A bag-of-words model learns "myöhässä"
 * only as well as its corpus happens to show it, and a forum-trained model reads "saapui" and "viikon"
 * as neutral; these cues give the tone model a feature of their own (TONE_CUE_FEATURES) and let the
 * analyzer hold a clear complaint negative (text-analyzer.ts: toneOf).
 *
 * Each cue is found on the normalised tokens of one sentence. A cue is:
 * - negated when it sits in a negation scope ("ei ollut myöhässä", "wasn't late", "ilman jonoa")
 *   — except the cues whose negation is the complaint itself ("ei soitettu", "never called back");
 * - questioned when its sentence is a question that is not a "why" question ("Onko tilaus
 *   myöhässä?" asks; "Miksi tilaus on myöhässä?" complains);
 * - conceded when it sits in a concessive clause ("vaikka", "although") or a later clause turns
 *   the point ("mutta", "but", "ei haittaa", "no worries"). A concessive clause after the event
 *   concedes only itself: in "Asentaja ei tullut, vaikka aika oli sovittu" the no-show is the point
 *   and the agreed time makes it worse.
 * Hedges ("vähän", "ehkä", "a bit") and intensifiers ("todella", "taas", "yli", "again") in the
 * text set how confident the analyzer is in a cue-held label.
 */
import { NEG_PREFIX, negationScope } from "./negation.ts";
import type { Token } from "./tokenize.ts";

export type CueKind =
  | "delay"
  | "queue"
  | "double_charge"
  | "cut_off"
  | "no_response"
  | "not_arrived"
  | "sarcasm"
  | "disbelief";

export interface ToneCue {
  kind: CueKind;
  /** Index of the token the cue was found at. */
  index: number;
  negated: boolean;
  questioned: boolean;
  conceded: boolean;
  /**
   * Said as something that happened to the speaker ("myöhästyi", "katkesi", "jonotin", "was late"),
   * not named as a topic ("myöhästymiskorvaus", "katkos", "the delay", "wait time").
   */
  event: boolean;
  /**
   * Its sentence apologises, compensates, informs, thanks or empathises ("pahoittelemme viivästystä",
   * "korvausta voi hakea", "estimated wait time"): an agent's or system's framing, not a complaint.
   */
  framed: boolean;
  /** Its sentence doubts the event ("taisi", "ehkä", "en oo varma", "maybe", "it appears"). */
  doubted: boolean;
}

export interface ToneCues {
  cues: ToneCue[];
  hedges: number;
  intensifiers: number;
}

type CueLang = "fi" | "en";

const set = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

const HEDGES: Record<CueLang, ReadonlySet<string>> = {
  fi: set("vähän vähä hieman hiukan lievästi pikkuisen pikkasen melko hetken hetkeksi hetkellisesti"),
  en: set("bit little slightly somewhat kinda briefly moment"),
};
const DOUBTS: Record<CueLang, ReadonlySet<string>> = {
  fi: set("ehkä kai taisi taitaa saattoi saattaa vissiin luulen luulisin epäilen mahdollisesti"),
  en: set("maybe perhaps probably may might appears appear seems seemed possibly think"),
};
const FRAMING: Record<CueLang, RegExp> = {
  fi: /^(pahoittel|anteek|korvau|hyvity|hyvitet|ilmoit|tiedot|tiedott|arvioi|ymmärrä|ymmärr|kiito|kiitti|kiitos|haet|haen|hakea|voit|tiedotamme)|korvau/,
  en: /^(sorry|apolog|compensat|claim|refund|inform|estimated|current|understand|thank|thanks|contacting)/,
};
const INTENSIFIERS: Record<CueLang, ReadonlySet<string>> = {
  fi: set(`todella tosi erittäin aivan täysin jo yli taas jälleen useita monta monen kolmatta neljättä vieläkään
    edelleenkään ikuisuuden iäisyyden järkyttävän kamalan hirveän kauhean älyttömän aina`),
  en: set(
    "very really extremely again still over totally completely ridiculously so hours weeks always ever",
  ),
};
/** Words that make a question a complaint rather than a request for information. */
const WHY: Record<CueLang, ReadonlySet<string>> = {
  fi: set("miksi miks minkä takia eikö eiks vieläkö kauanko kuinka miten"),
  en: set("why come how long"),
};
/** A clause starting here concedes the point it opens (not the one before it, which it backs). */
const CONCESSIVE: Record<CueLang, ReadonlySet<string>> = {
  fi: set("vaikka vaikkakin"),
  en: set("although though despite"),
};
const TURNS: Record<CueLang, ReadonlySet<string>> = {
  fi: set("mutta mut kuitenkin silti sentään toisaalta onneksi"),
  en: set("but however yet luckily fortunately thankfully"),
};
/** "It didn't matter": the speaker waves the event away. */
const MITIGATORS: Record<CueLang, readonly string[][]> = {
  fi: [
    ["ei", "haitannut"],
    ["ei", "haittaa"],
    ["ei", "se", "mitään"],
    ["ymmärrettävää"],
    ["ei", "haittaa", "mitään"],
  ],
  en: [["no", "problem"], ["no", "worries"], ["didn't", "matter"], ["doesn't", "matter"], ["understandable"]],
};

const DURATION_FI =
  /^(tunni|tunti|tuntia|tuntej|minuut|min$|päivä|päivi|viiko|viikk|kuukau|kuukaus|kk$|vuode|vuosi|ikuisuu|ikuisesti|iäisyy|vartin|vartti|puolitoista)/;
const DURATION_EN = /^(hours?|minutes?|mins?|days?|weeks?|months?|ages|forever|eternity)$/;
const MONEY_FI = /^(veloit|lasku|laskut|maks|peri|perittiin|tililt|korttil|kortilta|tuplaveloit)/;
const MONEY_EN = /^(charg|bill|paid|pay|debit|taken|deduct)/;
const CONTACT_FI = /^(soit|kirjoit|lähetin|lähetimme|selit|kävin|ilmoit|laitoin|viestit|otin)/;
const SERVICE_FI =
  /^(soit|soitto|takaisinsoit|vastat|vastan|vastaa|vastau|vastaus|yhteydenot|yhteyttä|kuulunut|kuulunu|palattu|palannut|palaa|reagoi|kuitat|kuittau)/;
const ARRIVE_FI =
  /^(tullut|tullu|saapunut|saapunu|toimitettu|toimitettukaan|palautettu|hyvitetty|korjattu|korjaantunut|ratkennut|ratkaistu|näkynyt|maksettu|käsitelty|hoidettu)/;
const PROBLEM_FI = /^(ongelm|vik|virhe|valitu|huomautet|moitit|mitään|ikäv)/;
const FI_NEG_3RD = set("ei eikä eika eivät eivatka eivätkä eiks eikö eiko");
const FI_NEG_1ST = set("en enkä emme emmekä");

interface Sentence {
  start: number;
  end: number;
  question: boolean;
}

function sentencesOf(tokens: readonly Token[]): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    if (i === tokens.length || (t?.kind === "punct" && /^[.!?…;]+$|^\.\.\.$/.test(t.text))) {
      if (i > start) out.push({ start, end: i, question: t?.text.includes("?") ?? false });
      start = i + 1;
    }
  }
  return out;
}

/**
 * Every word a cue can start at (the matchers below look at nothing else first): one test per
 * token lets the many texts without any cue skip the sentence pass.
 */
const TRIGGER_WORDS: Record<CueLang, ReadonlySet<string>> = {
  fi: set(`kahteen kolmeen kahdesti kolmesti vieläkään edelleenkään vielakaan ajoissa ajallaan sovitusti luvatusti
    luvattuna kiitti kiitos joo just ei eikä eika eivät eivatka eivätkä eiks eikö eiko en enkä emme emmekä 🙄 😒 🤦
    usko uskon uskoa uskoo luvattiin lupasitte lupasit lupasi lupasivat luvattu sanottiin sanoitte sanoit sanoi
    sanoivat väitettiin väititte kuullut kuultu`),
  en: set(`delay delays delayed overdue late time queue queued queueing queuing queues hold waited waiting wait twice
    double duplicate double-charged cut disconnected hung dropped drops dropping cuts never not no nobody didn't
    hasn't haven't hadn't wasn't weren't isn't aren't won't don't doesn't still yeah oh just thanks 🙄 😒 🤦
    believe promised said told heard claimed`),
};
/** Word parts a Finnish cue can hide in (inflected and compound forms); tested on words of 4+ letters. */
const TRIGGER_PARTS_FI =
  /myöhäs|viiväst|viive|viivet|jono|odot|tupla|kaksois|kaksinkert|katke|katkai|pätki|katko/;
const isTrigger = (word: string, l: CueLang) =>
  TRIGGER_WORDS[l].has(word) || (l === "fi" && word.length >= 4 && TRIGGER_PARTS_FI.test(word));
const NONE: ToneCues = Object.freeze({ cues: [], hedges: 0, intensifiers: 0 }) as ToneCues;

// Module-level rather than closures in toneCues: it runs for every sentence and clause, and tsx
// names each closure it makes (an Object.defineProperty per call).
function cueWord(t: Token | undefined): string {
  return t && (t.kind === "word" || t.kind === "emoji") ? t.text : "";
}

function wordAt(words: readonly string[], k: number): string {
  return words[k] ?? "";
}

function hasMatch(words: readonly string[], re: RegExp): boolean {
  return words.some((x) => re.test(x));
}

/** A word other than the k-th, at most `before` words before it or `after` after it, passes `test`. */
function within(
  words: readonly string[],
  k: number,
  before: number,
  after: number,
  test: (x: string) => boolean,
): boolean {
  for (let j = Math.max(0, k - before); j <= Math.min(words.length - 1, k + after); j++)
    if (j !== k && test(wordAt(words, j))) return true;
  return false;
}

const CLAIM: Record<CueLang, RegExp> = {
  fi: /^(luvattiin|lupasitte|lupasit|lupasi|lupasivat|luvattu|sanottiin|sanoitte|sanoit|sanoi|sanoivat|väitettiin|väititte)$/,
  en: /^(promised|said|told|claimed)$/,
};
/** "Before, too": the promise or claim was made earlier as well ("viimeksikin", "ennenkin"). */
const BEFORE_TOO_FI =
  /^(viimeksikin|ennenkin|aiemminkin|silloinkin|edelliselläkin|kerrallakin|edellisetkin)$/;
/** An earlier time or speaker ("the last agent", "a month ago", "edellinen", "viime kuussa"). */
const EARLIER: Record<CueLang, RegExp> = {
  fi: /^(edelli|viime|aiemmin|ennen)/,
  en: /^(last|previous|before|ago|again|too|always|every)$/,
};

/** A word `see` at most six words after the k-th, with a `when` between them ("uskon sitten kun näen"). */
function seenAfter(words: readonly string[], k: number, see: RegExp, when: RegExp): boolean {
  for (let j = k + 1; j <= Math.min(words.length - 1, k + 6); j++) {
    if (see.test(wordAt(words, j))) return within(words, j, j - k - 1, 0, (y) => when.test(y));
  }
  return false;
}

/**
 * Disbelief in what the speaker is told, at the claim or belief word `k` of a sentence's `words`:
 * "uskon (vasta/sitten) kun näen", "en usko ennen kuin näen", "I'll believe it when I see it"; a promise
 * or claim heard before ("samaa luvattiin viimeksikin", "niin sanoitte viimeksikin", "edellinen lupasi
 * ihan samaa", "that's what you said last time", "you promised the same thing a month ago", "I've heard
 * that before"). Not a promise kept ("kuten viimeksikin luvattiin", "as you said last time") and not a
 * plain reference to one ("you said last time that I could pay in parts").
 */
function disbelief(words: readonly string[], k: number, l: CueLang): boolean {
  const x = wordAt(words, k);
  if (l === "fi") {
    if (x.startsWith("usko")) return seenAfter(words, k, /^(näen|nään|näe|näkee|näemme)$/, /^(kun|kuin)$/);
    if (x === "kuullut" || x === "kuultu") return within(words, k, 3, 3, (y) => BEFORE_TOO_FI.test(y));
    if (!CLAIM.fi.test(x) || within(words, k, 3, 0, (y) => y === "kuten" || y === "niinkuin")) return false;
    return (
      within(words, k, 5, 5, (y) => BEFORE_TOO_FI.test(y)) ||
      (words.some((y) => y.startsWith("sama")) && within(words, k, 5, 5, (y) => EARLIER.fi.test(y)))
    );
  }
  if (x === "believe") return seenAfter(words, k, /^see$/, /^when$/);
  if (x === "heard")
    return (
      /^(that|it|this|all)$/.test(wordAt(words, k + 1)) &&
      within(words, k, 0, 4, (y) => y === "before" || y === "already")
    );
  if (!CLAIM.en.test(x) || within(words, k, 2, 0, (y) => y === "as")) return false;
  // "that's (exactly) what … said", "the same (thing)", with an earlier time or speaker.
  const thatsWhat =
    within(words, k, 6, 0, (y) => y === "what") && words.some((y) => /^(that's|thats|that)$/.test(y));
  const same = within(words, k, 0, 4, (y) => y === "same");
  return (thatsWhat || same) && within(words, k, 6, 6, (y) => EARLIER.en.test(y));
}

/** Finds the cues of one text (tokens from tokenize()). English rules serve every non-Finnish language. */
export function toneCues(tokens: readonly Token[], lang: string): ToneCues {
  const l: CueLang = lang === "fi" ? "fi" : "en";
  let any = false;
  for (const t of tokens) {
    if ((t.kind === "word" || t.kind === "emoji") && isTrigger(t.text, l)) {
      any = true;
      break;
    }
  }
  if (!any) return NONE;
  const marks = negationScope(tokens, l);
  const cues: ToneCue[] = [];
  let hedges = 0;
  let intensifiers = 0;
  for (const s of sentencesOf(tokens)) {
    const words: string[] = [];
    for (let i = s.start; i < s.end; i++) words.push(cueWord(tokens[i]));
    const why =
      words.some((x) => WHY[l].has(x)) || (l === "en" && words.includes("how") && words.includes("come"));
    const found: { kind: CueKind; k: number; negationIsCue?: boolean; topic?: boolean }[] = [];
    for (let k = 0; k < words.length; k++) {
      const x = wordAt(words, k);
      if (x === "") continue;
      if (HEDGES[l].has(x)) hedges++;
      if (INTENSIFIERS[l].has(x)) intensifiers++;
      if (!isTrigger(x, l)) continue;
      if (disbelief(words, k, l)) {
        // Said with a negation ("en usko ennen kuin näen"): the negation is the disbelief.
        found.push({ kind: "disbelief", k, negationIsCue: true });
        continue;
      }
      if (l === "fi") {
        if (x.includes("myöhäs") || x.includes("viiväst") || /^viive|^viivee|^viivet/.test(x))
          found.push({
            kind: "delay",
            k,
            topic:
              !/^(myöhässä|myöhästy(i|ivät|y|vät|nyt|neet|i)|viivästy(i|ivät|y|vät|nyt|neet)|viivästyksissä)$/.test(
                x,
              ),
          });
        else if (/^(ajoissa|ajallaan|sovitusti|luvatusti|luvattuna)$/.test(x) && marks[s.start + k] !== 0)
          found.push({ kind: "delay", k, negationIsCue: true });
        else if (/^jonot[tie]/.test(x) || x.includes("jonotin")) found.push({ kind: "queue", k });
        else if (
          /^jono/.test(x) &&
          (within(words, k, 3, 3, (y) => /^pitk|^loputo|^valtav/.test(y)) || hasMatch(words, DURATION_FI))
        )
          found.push({ kind: "queue", k, topic: !/^jonossa$/.test(x) });
        else if (
          /^odot(in|imme|ettiin|ettu|ettava|tanut|taneet|tamaan|tamista|telin|telu|tel|us|uttaa|ellessa)/.test(
            x,
          ) &&
          (hasMatch(words, DURATION_FI) ||
            within(words, k, 3, 3, (y) => /^(jou[dt]u|yhä|vieläkin|edelleen|turhaan|pitk)/.test(y)))
        )
          found.push({ kind: "queue", k, topic: /^odotus/.test(x) });
        else if ((x === "kahteen" || x === "kolmeen") && wordAt(words, k + 1).startsWith("kert"))
          found.push({ kind: "double_charge", k });
        else if (/^(tupla(veloit|lasku|maksu|veloitus)|kaksoisveloit|kaksinkertai)/.test(x))
          found.push({ kind: "double_charge", k });
        else if (
          (x === "kahdesti" || x === "kolmesti") &&
          (hasMatch(words, MONEY_FI) || hasMatch(words, CONTACT_FI))
        )
          found.push({ kind: "double_charge", k });
        else if ((/^katke/.test(x) && !x.startsWith("katkeamat")) || /^katkai|^pätki|katko/.test(x))
          found.push({ kind: "cut_off", k, topic: !/^(katke|katkai|pätki)/.test(x) });
        else if (x === "vieläkään" || x === "edelleenkään" || x === "vielakaan")
          found.push({ kind: "not_arrived", k, negationIsCue: true });
        else if (FI_NEG_3RD.has(x) || FI_NEG_1ST.has(x)) {
          // "ei soitettu", "kukaan ei vastannut", "en ole saanut vastausta", "paketti ei ole tullut".
          const first = FI_NEG_1ST.has(x);
          for (let j = k + 1; j <= Math.min(words.length - 1, k + 4); j++) {
            const y = wordAt(words, j);
            if (/^tarvi|^tarvit|^tarvinnut|^haitan/.test(y)) break;
            if (!first && SERVICE_FI.test(y)) {
              found.push({ kind: "no_response", k, negationIsCue: true });
              break;
            }
            if (
              first &&
              /^saa(nut|neet)/.test(y) &&
              within(words, j, 0, 3, (z) =>
                /^(vastau|vastaus|yhteydenot|soitto|takaisinsoit|tietoa|tieto|kuittau|palautet)/.test(z),
              )
            ) {
              found.push({ kind: "no_response", k, negationIsCue: true });
              break;
            }
            if (!first && ARRIVE_FI.test(y) && !within(words, j, 0, 3, (z) => PROBLEM_FI.test(z))) {
              found.push({ kind: "not_arrived", k, negationIsCue: true });
              break;
            }
          }
          // "soittoa ei kuulunut", "vastausta ei ole tullut"
          if (
            !first &&
            within(words, k, 3, 0, (y) =>
              /^(soitto|takaisinsoit|vastaus|vastau|yhteydenot|paketti|tilau|hyvity|palautu)/.test(y),
            ) &&
            within(words, k, 0, 3, (y) => /^(tullut|tullu|kuulunut|kuulunu|saapunut|näkynyt)/.test(y))
          )
            found.push({ kind: "no_response", k, negationIsCue: true });
        } else if (x === "kiitti" || x === "kiitos") {
          if (
            /^(tyhjästä|ei)$/.test(wordAt(words, k + 1)) &&
            (wordAt(words, k + 1) !== "ei" || wordAt(words, k + 2) === "mistään")
          )
            found.push({ kind: "sarcasm", k });
        } else if (
          ((x === "joo" && wordAt(words, k + 1) === "just") ||
            (x === "just" && wordAt(words, k + 1) === "joo")) &&
          wordAt(words, k + 2) === ""
        ) {
          // "just joo." / "joo just," said on its own: "yeah right" ("joo just tuo" agrees).
          found.push({ kind: "sarcasm", k });
        } else if (x === "🙄" || x === "😒" || x === "🤦") found.push({ kind: "sarcasm", k });
      } else {
        if (/^(delay|delays|overdue)$/.test(x)) found.push({ kind: "delay", k, topic: true });
        else if (
          x === "delayed" ||
          (x === "late" &&
            within(words, k, 3, 0, (y) =>
              /^(arrived|came|was|is|were|are|delivered|days?|weeks?|hours?|minutes?|running|too|very|shipped|been|always)$/.test(
                y,
              ),
            ))
        )
          found.push({ kind: "delay", k });
        else if (x === "time" && wordAt(words, k - 1) === "on" && marks[s.start + k] !== 0)
          found.push({ kind: "delay", k, negationIsCue: true });
        else if (
          /^(queue|queued|queueing|queuing|queues)$/.test(x) &&
          (hasMatch(words, DURATION_EN) ||
            within(words, k, 3, 3, (y) => /^(long|endless|had|stuck|forever)$/.test(y)))
        )
          found.push({ kind: "queue", k, topic: x === "queue" || x === "queues" });
        else if (
          x === "hold" &&
          wordAt(words, k - 1) === "on" &&
          (hasMatch(words, DURATION_EN) ||
            within(words, k, 4, 3, (y) => /^(kept|put|left|stuck|again|forever|still)$/.test(y)))
        )
          found.push({ kind: "queue", k });
        else if (
          /^(waited|waiting|wait)$/.test(x) &&
          (hasMatch(words, DURATION_EN) ||
            within(words, k, 3, 0, (y) => /^(still|had|kept|keep|been)$/.test(y)))
        )
          found.push({ kind: "queue", k, topic: x === "wait" || wordAt(words, k + 1) === "time" });
        else if (
          (x === "twice" || x === "double" || x === "duplicate" || x === "double-charged") &&
          (hasMatch(words, MONEY_EN) || x === "double-charged")
        )
          found.push({ kind: "double_charge", k });
        else if (
          (x === "cut" && wordAt(words, k + 1) === "off") ||
          /^(disconnected|hung)$/.test(x) ||
          (/^(dropped|drops|dropping|cuts)$/.test(x) &&
            within(words, k, 3, 3, (y) => /^(call|calls|line|out|connection|signal)$/.test(y)))
        )
          found.push({ kind: "cut_off", k });
        else if (
          /^(never|not|no|nobody|didn't|hasn't|haven't|hadn't|wasn't|weren't|isn't|aren't|won't|don't|doesn't)$/.test(
            x,
          ) &&
          !/^(i|we)$/.test(wordAt(words, k - 1)) &&
          !/^(i|we)$/.test(wordAt(words, k - 2))
        ) {
          for (let j = k + 1; j <= Math.min(words.length - 1, k + 4); j++) {
            const y = wordAt(words, j);
            if (/^(need|needed|hesitate|problem|worries|issue|issues|complaints?)$/.test(y)) break;
            if (
              /^(call|called|callback|respond|responded|response|reply|replied|answer|answered|heard|contacted|arrived|delivered|refunded|fixed|resolved)$/.test(
                y,
              ) ||
              (y === "back" && /^(got|get)$/.test(wordAt(words, j - 1)))
            ) {
              found.push({
                kind: /^(arrived|delivered|refunded|fixed|resolved)$/.test(y) ? "not_arrived" : "no_response",
                k,
                negationIsCue: true,
              });
              break;
            }
          }
          if (
            x === "no" &&
            wordAt(words, k + 1) === "one" &&
            /^(call|called|answers?|answered|responded|replied|got)$/.test(wordAt(words, k + 2))
          )
            found.push({ kind: "no_response", k, negationIsCue: true });
        } else if (
          x === "still" &&
          /^(not|no|hasn't|haven't|waiting|isn't|doesn't|nothing)$/.test(wordAt(words, k + 1))
        )
          found.push({ kind: "not_arrived", k, negationIsCue: true });
        else if (
          (x === "yeah" && wordAt(words, k + 1) === "right") ||
          (/^(oh|just)$/.test(x) && /^(great|perfect|wonderful|brilliant)$/.test(wordAt(words, k + 1))) ||
          (x === "thanks" && wordAt(words, k + 1) === "for" && wordAt(words, k + 2) === "nothing") ||
          x === "🙄" ||
          x === "😒" ||
          x === "🤦"
        )
          found.push({ kind: "sarcasm", k });
      }
    }
    if (found.length === 0) continue;
    // Only a sentence with a cue pays for these.
    const framed = words.some((x) => FRAMING[l].test(x));
    const doubted =
      words.some((x) => DOUBTS[l].has(x)) ||
      words.some(
        (x, k) =>
          (x === "varma" || x === "sure") && within(words, k, 3, 0, (y) => /^(en|ei|not|oo|ole)$/.test(y)),
      );
    const brief = briefWait(tokens, s, words, l);
    // Where the point turns: a concessive clause or a later "but"/"mutta" clause, or a mitigator.
    for (const f of found) {
      let conceded = brief && (f.kind === "queue" || f.kind === "delay");
      for (let j = 0; j < f.k; j++) if (CONCESSIVE[l].has(wordAt(words, j))) conceded = true;
      for (let j = f.k + 1; j < words.length; j++) if (TURNS[l].has(wordAt(words, j))) conceded = true;
      for (const m of MITIGATORS[l]) {
        for (let j = 0; j + m.length <= words.length; j++)
          if (m.every((p, q) => wordAt(words, j + q) === p)) conceded = true;
      }
      cues.push({
        kind: f.kind,
        index: s.start + f.k,
        negated: !f.negationIsCue && marks[s.start + f.k] !== 0,
        questioned: s.question && !why,
        conceded,
        event: !f.topic,
        framed: framed && f.kind !== "sarcasm" && f.kind !== "disbelief",
        doubted,
      });
    }
  }
  // A turn in a later sentence ("Tilaus myöhästyi. Onneksi kuljettaja soitti.") also concedes.
  return { cues, hedges, intensifiers };
}

const SHORT: Record<CueLang, RegExp> = { fi: /^(vain|ainoastaan|alle)$/, en: /^(only|under)$/ };
const SHORT_UNIT: Record<CueLang, RegExp> = {
  fi: /^(minuut|sekunn|sekunt|min$|hetk)/,
  en: /^(minutes?|mins?|seconds?|secs?|moment)$/,
};

/**
 * The sentence says a wait was short: "vain", "ainoastaan", "alle", "only", "under", "less than"
 * shortly before a count of minutes or seconds of at most ten ("Jonotin vain pari minuuttia.",
 * "I only waited two minutes", "alle minuutin") — a queue or delay it names is then no complaint.
 */
function briefWait(tokens: readonly Token[], s: Sentence, words: readonly string[], l: CueLang): boolean {
  for (let k = 0; k < words.length; k++) {
    const x = wordAt(words, k);
    if (!SHORT[l].test(x) && !(l === "en" && x === "than" && wordAt(words, k - 1) === "less")) continue;
    for (let j = k + 1; j <= Math.min(words.length - 1, k + 3); j++) {
      const t = tokens[s.start + j];
      if (t?.kind === "number" && Number(t.text.replace(",", ".")) > 10) break;
      if (SHORT_UNIT[l].test(wordAt(words, j))) return true;
    }
  }
  return false;
}

/** Tone-only feature strings of the cues (the tone model is trained with them; other models never see them). */
export function visitToneCueFeatures(c: ToneCues, visit: (feature: string) => void): void {
  for (const cue of c.cues) {
    const base = cue.questioned
      ? "CUE_Q"
      : cue.conceded || cue.doubted
        ? "CUE_C"
        : cue.framed
          ? "CUE_F"
          : cue.event
            ? "CUE_NEG"
            : "CUE_T";
    visit(cue.negated ? `${NEG_PREFIX}${base}` : base);
    visit(`${cue.negated ? NEG_PREFIX : ""}${base}_${cue.kind}`);
  }
}

/**
 * A cue that holds the label negative: an event (not a topic), not negated, not asked about, not
 * conceded, not doubted, and not framed by an apology, compensation, notice or thanks.
 */
export function activeCues(c: ToneCues): ToneCue[] {
  return c.cues.filter(
    (cue) => cue.event && !cue.negated && !cue.questioned && !cue.conceded && !cue.doubted && !cue.framed,
  );
}

/**
 * Praise said as sarcasm: a text that opens with a praise interjection and then reports a setback
 * that came again ("Loistavaa, taas meni puoli tuntia hukkaan.", "Great, the app crashed again.",
 * "Just perfect. Still no answer."). The interjection stands alone — set off by a comma, "!" or the
 * end of its own sentence — so praise of something ("Great service again!") is not it; and a
 * recurrence word ("taas", "jälleen", "again", "another", "still") follows in its sentence, or in the
 * next one when it stood alone. Whether the rest is a setback is for the tone model to say, read
 * without the interjection and without the recurrence words, which lean negative on their own
 * (text-analyzer.ts: sarcasticPraise): "Hienoa, taas toimii!" and "Kiva, taas nähdään!" praise.
 */
export interface PraiseOpener {
  /** The interjection with the particles before it ("no", "oh", "just") is tokens [0, end). */
  end: number;
  /** Indices of the recurrence words after it. */
  recurrence: number[];
}

const PRAISE: Record<CueLang, ReadonlySet<string>> = {
  fi: set(`mahtavaa mahtava loistavaa loistava hienoa hieno upeaa upeeta upea kiva kivaa ihanaa ihana täydellistä
    täydellinen superia super erinomaista nerokasta jes jee hurraa`),
  en: set(`great wonderful perfect brilliant fantastic lovely awesome excellent super terrific marvellous marvelous
    nice amazing superb splendid fabulous`),
};
const PRAISE_PARTICLES: Record<CueLang, ReadonlySet<string>> = {
  fi: set("no noh aivan ihan just voi oi kylläpä onpa olipa niin tosi todella"),
  en: set("oh just well how so really absolutely simply"),
};
const RECURRENCE: Record<CueLang, ReadonlySet<string>> = {
  fi: set("taas taasen jälleen uudestaan uudelleen vieläkin edelleen edelleenkään vieläkään"),
  en: set("again another still yet more"),
};

export function praiseOpener(tokens: readonly Token[], lang: string): PraiseOpener | null {
  const l: CueLang = lang === "fi" ? "fi" : "en";
  // The praise word the text opens with, after at most two particles.
  let k = 0;
  while (k < 2 && tokens[k]?.kind === "word" && PRAISE_PARTICLES[l].has(tokens[k]?.text ?? "")) k++;
  const praise = tokens[k];
  if (praise?.kind !== "word" || !PRAISE[l].has(praise.text)) return null;
  const after = tokens[k + 1];
  // Set off: a comma, "!" or a sentence end right after it (not "great service").
  if (after === undefined || !(after.kind === "punct" && /^[,!.…]+$/.test(after.text))) return null;
  const recurrence: number[] = [];
  // The rest of its sentence, or the next sentence when it stood alone ("Mahtavaa. Taas…").
  for (let j = k + 2; j < tokens.length; j++) {
    const t = tokens[j] as Token;
    if (t.kind === "punct" && /[.!?…]/.test(t.text)) break;
    if (t.kind === "word" && RECURRENCE[l].has(t.text)) recurrence.push(j);
  }
  return recurrence.length > 0 ? { end: k + 1, recurrence } : null;
}
