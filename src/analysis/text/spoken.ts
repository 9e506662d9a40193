/**
 * Spoken and dialect forms folded to the written standard before the models see them, and fillers
 * dropped: call transcripts and chat are written as people talk ("mä en oo saanu laskua", "öö niinku
 * se katkes"), while most of what the models learned from is written language. Only forms that are
 * not also ordinary written words are folded ("sää" is weather, "musta" is black, "toi" brought,
 * "tuota" that: they stay); a clitic (-kin, -kaan/-kään, -ko/-kö, -han/-hän) stays on the folded
 * word ("mäkin" → "minäkin"). Past participles clipped in speech get their -t back ("saanu" →
 * "saanut", "menny" → "mennyt").
 *
 * Works on tokens (tokenize.ts): the offsets of a folded token still point at what was said, so
 * evidence and highlighting show the speaker's own words.
 *
 * @example normaliseSpoken(tokenize("öö mä en oo saanu laskua"), "fi").map((t) => t.text)
 *   // → ["minä", "en", "ole", "saanut", "laskua"]
 */
import { hasDiacritic, restoreDiacritic } from "./fi-diacritics.ts";
import type { Token } from "./tokenize.ts";
import { memoByWord } from "./word-memo.ts";

const FILLERS: Record<"fi" | "en", ReadonlySet<string>> = {
  fi: new Set([
    "öö",
    "ööh",
    "ööm",
    "öhm",
    "äh",
    "ää",
    "äää",
    "hmm",
    "hm",
    "mm",
    "mmm",
    "niinku",
    "niinkun",
    "tota",
    "totanoin",
  ]),
  en: new Set(["um", "umm", "uh", "uhh", "uhm", "er", "erm", "hmm", "hm", "mm", "mmm"]),
};

/**
 * Maps rather than objects: a token is looked up as a key, and an object would answer words such as
 * "constructor" with what every object inherits (a function, which ended the whole analysis).
 */
const FI: ReadonlyMap<string, string> = new Map(
  Object.entries({
    mä: "minä",
    mää: "minä",
    mie: "minä",
    sä: "sinä",
    sie: "sinä",
    hää: "hän",
    myö: "me",
    mun: "minun",
    sun: "sinun",
    mul: "minulla",
    mulla: "minulla",
    sul: "sinulla",
    sulla: "sinulla",
    mulle: "minulle",
    sulle: "sinulle",
    multa: "minulta",
    sulta: "sinulta",
    mua: "minua",
    sua: "sinua",
    mut: "mutta",
    meiän: "meidän",
    meijän: "meidän",
    teiän: "teidän",
    teijän: "teidän",
    meil: "meillä",
    teil: "teillä",
    oo: "ole",
    oon: "olen",
    oot: "olet",
    ootte: "olette",
    ollu: "ollut",
    ois: "olisi",
    olis: "olisi",
    oisin: "olisin",
    oisko: "olisiko",
    tää: "tämä",
    nää: "nämä",
    tänää: "tänään",
    kyl: "kyllä",
    ku: "kun",
    nii: "niin",
    sit: "sitten",
    sitte: "sitten",
    vaa: "vaan",
    jotai: "jotain",
    mitää: "mitään",
    mikää: "mikään",
    yhtää: "yhtään",
    koskaa: "koskaan",
    vähä: "vähän",
    tiiä: "tiedä",
    tiiän: "tiedän",
    kahen: "kahden",
    kaks: "kaksi",
    viis: "viisi",
    kuus: "kuusi",
    kauheen: "kauhean",
    hirveen: "hirveän",
    semmonen: "sellainen",
    sellanen: "sellainen",
    tämmönen: "tällainen",
    tommonen: "tuollainen",
    millanen: "millainen",
    pitäis: "pitäisi",
    pitäs: "pitäisi",
    voisko: "voisiko",
    saisko: "saisiko",
    onks: "onko",
    eiks: "eikö",
    tarttee: "tarvitsee",
    tarvii: "tarvitsee",
    tullu: "tullut",
    kuullu: "kuullut",
    menny: "mennyt",
    mennää: "mennään",
    ollaa: "ollaan",
  }),
);

const EN: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    gonna: ["going", "to"],
    wanna: ["want", "to"],
    gotta: ["got", "to"],
    dunno: ["don't", "know"],
    kinda: ["kind", "of"],
    sorta: ["sort", "of"],
    lemme: ["let", "me"],
    gimme: ["give", "me"],
    "ain't": ["isn't"],
    cuz: ["because"],
    coz: ["because"],
    "'cause": ["because"],
    ya: ["you"],
    nope: ["no"],
    // Contractions typed or transcribed without their apostrophe (chat, SMS, speech-to-text), folded
    // to the written form the models learned far more often. Only forms that are seldom another word
    // ("cant" and "wont" are, rarely): "its", "ill", "id", "were", "well", "wed", "shell", "hell" and
    // "lets" are common words of their own and stay as they are.
    im: ["i'm"],
    ive: ["i've"],
    dont: ["don't"],
    cant: ["can't"],
    didnt: ["didn't"],
    doesnt: ["doesn't"],
    isnt: ["isn't"],
    wasnt: ["wasn't"],
    werent: ["weren't"],
    arent: ["aren't"],
    wont: ["won't"],
    wouldnt: ["wouldn't"],
    couldnt: ["couldn't"],
    shouldnt: ["shouldn't"],
    havent: ["haven't"],
    hasnt: ["hasn't"],
    hadnt: ["hadn't"],
    youre: ["you're"],
    youve: ["you've"],
    youll: ["you'll"],
    theyre: ["they're"],
    theyve: ["they've"],
    theyll: ["they'll"],
    weve: ["we've"],
    thats: ["that's"],
    whats: ["what's"],
    theres: ["there's"],
    itll: ["it'll"],
  }),
);

const CLITIC = /(kin|kaan|kään|ko|kö|han|hän)$/;
/**
 * Spoken past participles in -nu/-ny ("saanu", "menny", "soittanu") get the -t the writer would add;
 * -lu/-ly are left alone, as most such words are nouns ("palvelu", "kysely"): "ollu", "tullu" and
 * "kuullu" are folded by name.
 */
const CLIPPED_PARTICIPLE = /^[a-zåäö]{3,}n[uy]$/;

/** Remembered per word: speech repeats its words. */
const foldFinnish = memoByWord(foldFinnishWord);

function foldFinnishWord(word: string): string {
  const direct = FI.get(word);
  if (direct) return direct;
  const clitic = CLITIC.exec(word);
  if (clitic) {
    const base = FI.get(word.slice(0, clitic.index));
    if (base) return base + clitic[1];
  }
  if (word.length >= 5 && CLIPPED_PARTICIPLE.test(word)) return `${word}t`;
  return word;
}

/**
 * `tokens` with fillers dropped and spoken forms folded (see the module comment). Finnish typed
 * without ä/ö/å has its forms restored first (fi-diacritics.ts): by default when these tokens have
 * none of those letters; a sentence of a longer text is given its whole text's answer (`restore`),
 * since a sentence without them in a text typed with them was typed with plain a's and o's meant.
 */
export function normaliseSpoken(
  tokens: readonly Token[],
  lang: string,
  restore = lang === "fi" && !tokens.some((t) => t.kind === "word" && hasDiacritic(t.text)),
): Token[] {
  if (lang !== "fi" && lang !== "en") return [...tokens];
  const fillers = FILLERS[lang];
  const out: Token[] = [];
  for (const t of tokens) {
    if (t.kind !== "word") {
      out.push(t);
      continue;
    }
    if (fillers.has(t.text)) continue;
    if (lang === "fi") {
      const folded = foldFinnish(restore ? restoreDiacritic(t.text) : t.text);
      out.push(folded === t.text ? t : { ...t, text: folded });
      continue;
    }
    const expanded = EN.get(t.text);
    if (!expanded) out.push(t);
    else for (const w of expanded) out.push({ ...t, text: w });
  }
  return out;
}
