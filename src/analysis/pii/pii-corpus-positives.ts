import {
  fill,
  grouped,
  hetuCheck,
  ibanCheckDigits,
  luhnCompletion,
  makeRng,
  type Rng,
} from "./pii-corpus-rng.ts";
import type { PiiKind } from "./pii-kinds.ts";

/** One planted identifier: the sentence and the exact span the redactor must report. */
export interface PlantedPii {
  kind: PiiKind;
  text: string;
  start: number;
  end: number;
}

const CARRIERS: Readonly<Record<PiiKind, readonly string[]>> = {
  hetu: [
    "Henkilötunnukseni on {x}.",
    "hetu: {x}",
    "Tässä vielä henkilötunnus {x}, tarkistatteko tiedot?",
    "My Finnish personal ID is {x}, please verify.",
    "Asiakkaan hetu {x} löytyy järjestelmästä",
    "({x})",
    "Syntymäaika ja tunnus {x} — kiitos!",
  ],
  iban: [
    "Tilinumeroni on {x}.",
    "Palautus tilille {x}, kiitos.",
    "Please refund to IBAN {x} asap",
    "IBAN: {x}",
    "Rahat voi maksaa tilille {x} 12.3. mennessä.",
    "My account number is {x} (Nordea).",
  ],
  card: [
    "my card is {x}, exp 12/27",
    "Korttinumero {x} voimassa 03/26.",
    "Maksoin kortilla {x} eilen klo 14.30",
    "The card number {x} was charged twice for 89,90 €.",
    "Visa {x} CVV 123",
    "kortti: {x}",
    "Veloititte kahdesti: {x}",
  ],
  phone: [
    "soita numeroon {x}",
    "Call me at {x} after 5 pm.",
    "puh. {x}",
    "Tavoitat minut numerosta {x} klo 9–17.",
    "My phone: {x}, thanks",
    "Numeroni on {x} ja sähköposti alla.",
    "Soittakaa {x}!",
    "You can reach me on {x} tomorrow.",
  ],
  email: [
    "Sähköpostini on {x}.",
    "email me at {x}!",
    "Lähetä kuitti osoitteeseen <{x}>",
    "Contact: {x}",
    "({x}) on oikea osoite",
    "Vastaus osoitteeseen {x}, kiitos 😊",
  ],
  address: [
    "Osoitteeni on {x}, 00100 Helsinki.",
    "Asun osoitteessa {x}.",
    "Uusi osoite: {x}",
    "Toimitus osoitteeseen {x} ei onnistunut.",
    "Please ship it to {x}, London.",
    "Deliver to {x} before Friday",
  ],
};

const HETU_SIGNS: Readonly<Record<number, readonly string[]>> = {
  1800: ["+"],
  1900: ["-", "Y", "X", "W", "V", "U"],
  2000: ["A", "B", "C", "D", "E", "F"],
};

function hetu(rng: Rng): string {
  const century = rng.pick([1800, 1900, 1900, 1900, 2000, 2000]);
  const year = century + rng.int(0, 99);
  const month = rng.int(1, 12);
  const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const ddmmyy = `${pad(day)}${pad(month)}${pad(year % 100)}`;
  const individual = String(rng.chance(0.1) ? rng.int(900, 999) : rng.int(2, 899)).padStart(3, "0");
  const code = `${ddmmyy}${rng.pick(HETU_SIGNS[century] ?? ["-"])}${individual}${hetuCheck(ddmmyy, individual)}`;
  return rng.chance(0.1) ? code.toLowerCase() : code;
}

const IBAN_FORMATS: readonly [string, (rng: Rng) => string][] = [
  ["FI", (r) => r.digits(14)],
  ["FI", (r) => r.digits(14)],
  ["FI", (r) => r.digits(14)],
  ["SE", (r) => r.digits(20)],
  ["DE", (r) => r.digits(18)],
  ["GB", (r) => `${r.pick(["NWBK", "WEST", "BARC", "MIDL"])}${r.digits(14)}`],
  ["NO", (r) => r.digits(11)],
  ["EE", (r) => r.digits(16)],
  ["NL", (r) => `${r.pick(["ABNA", "INGB", "RABO"])}${r.digits(10)}`],
  ["FR", (r) => `${r.digits(10)}${r.digits(11)}${r.digits(2)}`],
  ["ES", (r) => r.digits(20)],
  ["DK", (r) => r.digits(14)],
];

function iban(rng: Rng): string {
  const [country, bban] = rng.pick(IBAN_FORMATS);
  const body = bban(rng);
  const compact = `${country}${ibanCheckDigits(country, body)}${body}`;
  return rng.chance(0.6) ? grouped(compact, 4) : compact;
}

const CARD_FORMATS: readonly [prefix: (rng: Rng) => string, length: number][] = [
  [() => "4", 16],
  [() => "4", 16],
  [() => "4", 13],
  [() => "4", 19],
  [(r) => `5${r.int(1, 5)}`, 16],
  [(r) => String(r.int(2221, 2720)), 16],
  [(r) => r.pick(["34", "37"]), 15],
  [() => "6011", 16],
  [(r) => `62${r.int(2, 9)}`, 16],
  [(r) => `62${r.int(2, 9)}`, 19],
  [(r) => `35${r.int(28, 89)}`, 16],
];

function card(rng: Rng): string {
  const [prefix, length] = rng.pick(CARD_FORMATS);
  const start = prefix(rng);
  const partial = start + rng.digits(length - start.length - 1);
  const pan = partial + luhnCompletion(partial);
  const sep = rng.pick([" ", " ", "-", ""]);
  if (sep === "") return pan;
  if (length === 15) return [pan.slice(0, 4), pan.slice(4, 10), pan.slice(10)].join(sep);
  return grouped(pan, 4, false, sep);
}

function phone(rng: Rng): string {
  const sub7 = () => rng.digits(7).replace(/^0/, "1");
  switch (rng.int(0, 9)) {
    case 0: {
      const s = sub7();
      return `${rng.pick(["040", "041", "044", "045", "046", "050"])} ${s.slice(0, 3)} ${s.slice(3)}`;
    }
    case 1:
      return `${rng.pick(["040", "044", "050"])}${rng.pick(["-", "-", "/"])}${sub7()}`;
    case 2:
      return `${rng.pick(["040", "045", "050"])}${sub7()}`;
    case 3: {
      const s = sub7();
      return `+358 ${rng.pick(["40", "44", "50", "45"])} ${s.slice(0, 3)} ${s.slice(3)}`;
    }
    case 4:
      return `+358${rng.pick(["40", "41", "50"])}${sub7()}`;
    case 5: {
      const s = sub7();
      return rng.chance(0.5) ? `09 ${s.slice(0, 3)} ${s.slice(3)}` : `(09) ${s.slice(0, 4)} ${s.slice(4)}`;
    }
    case 6: {
      const s = rng.digits(6).replace(/^0/, "2");
      return `${rng.pick(["020", "0800", "010", "03", "013", "02"])} ${s.slice(0, 3)} ${s.slice(3)}`;
    }
    case 7:
      return `+44 20 ${rng.int(7000, 8999)} ${rng.digits(4)}`;
    case 8:
      return `+1 ${rng.int(201, 989)} ${rng.int(200, 999)} ${rng.digits(4)}`;
    default:
      return rng.pick([
        `+46 ${rng.int(70, 76)} ${rng.int(100, 999)} ${rng.digits(2)} ${rng.digits(2)}`,
        `+49 30 ${rng.int(1000, 9999)}${rng.digits(4)}`,
        `+47 ${rng.int(400, 999)} ${rng.digits(2)} ${rng.digits(3)}`,
        `+358 (0)40 ${sub7()}`,
      ]);
  }
}

const FIRST = ["matti", "maija", "anna", "juha", "liisa", "john", "jane", "sanna", "pekka", "aino"];
const LAST = ["meikalainen", "virtanen", "korhonen", "smith", "nieminen", "makela", "doe", "laine"];
const DOMAINS = ["example.fi", "gmail.com", "outlook.com", "yritys.fi", "mail.example.co.uk", "kunta.fi"];

function email(rng: Rng): string {
  const first = rng.pick(FIRST);
  const last = rng.pick(LAST);
  const local = rng.pick([
    `${first}.${last}`,
    `${first}${rng.int(1, 99)}`,
    `${first[0]}.${last}`,
    `${first}_${last}+cx`,
    `${last}-${first}`,
  ]);
  return `${rng.chance(0.1) ? local.toUpperCase() : local}@${rng.pick(DOMAINS)}`;
}

const FI_STEMS = [
  "Mannerheimin",
  "Hämeen",
  "Esimerkki",
  "Koti",
  "Puisto",
  "Koivu",
  "Kirkko",
  "Kalevan",
  "Satama",
];
const FI_ENDS = [
  "katu",
  "tie",
  "kuja",
  "polku",
  "kaari",
  "rinne",
  "raitti",
  "väylä",
  "ranta",
  "tori",
  "puistikko",
];
const EN_NAMES = ["Baker", "Main", "High", "Oak", "Maple", "Church", "Station", "Victoria", "Elm Park"];
const EN_TYPES = ["Street", "St", "Road", "Rd", "Avenue", "Lane", "Drive", "Way", "Close", "Crescent"];

function address(rng: Rng): string {
  if (rng.chance(0.65)) {
    const name = `${rng.chance(0.1) ? "Pohjoinen " : ""}${rng.pick(FI_STEMS)}${rng.pick(FI_ENDS)}`;
    const flat = rng.pick([
      "",
      "",
      ` ${rng.pick(["A", "B", "C"])} ${rng.int(1, 60)}`,
      ` as. ${rng.int(1, 40)}`,
    ]);
    const house = `${rng.int(1, 140)}${rng.chance(0.1) ? "a" : ""}`;
    return `${rng.chance(0.05) ? name.toLowerCase() : name} ${house}${flat}`;
  }
  const unit = rng.pick(["", "", ", Apt 4", `, Flat ${rng.int(1, 30)}`, ` Suite ${rng.int(100, 400)}`]);
  return `${rng.int(1, 999)}${rng.chance(0.1) ? "B" : ""} ${rng.pick(EN_NAMES)} ${rng.pick(EN_TYPES)}${unit}`;
}

const MAKERS: Readonly<Record<PiiKind, (rng: Rng) => string>> = { hetu, iban, card, phone, email, address };

/**
 * `perKind` planted identifiers of every kind, each in a Finnish or English carrier sentence.
 * Deterministic for a given seed.
 */
export function plantedPii(seed: number, perKind: number): PlantedPii[] {
  const rng = makeRng(seed);
  const out: PlantedPii[] = [];
  for (const kind of Object.keys(MAKERS) as PiiKind[]) {
    for (let i = 0; i < perKind; i++) {
      out.push({ kind, ...fill(rng.pick(CARRIERS[kind]), MAKERS[kind](rng)) });
    }
  }
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
