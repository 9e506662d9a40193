import {
  finnishReferenceCheck,
  grouped,
  hetuCheck,
  ibanCheckDigits,
  luhnCompletion,
  makeRng,
  type Rng,
} from "./pii-corpus-rng.ts";

/** One sentence holding a number that is not personal data, and what kind of number it is. */
export interface NonPersonal {
  category: string;
  text: string;
}

const nz = (rng: Rng, n: number) => `${rng.int(1, 9)}${rng.digits(n - 1)}`;

/** A Luhn-valid number with a card prefix: only context can tell it from a card. */
function cardLike(rng: Rng): string {
  const partial = `4${rng.digits(14)}`;
  return partial + luhnCompletion(partial);
}

/** A card-shaped number with a card prefix whose check digit is wrong. */
function badLuhn(rng: Rng): string {
  const partial = `${rng.pick(["4", "51", "37", "6011"])}${rng.digits(10)}`.padEnd(15, "7");
  const good = Number(luhnCompletion(partial));
  return `${partial}${(good + rng.int(1, 9)) % 10}`;
}

function finnishReference(rng: Rng): string {
  const base = nz(rng, rng.int(5, 19));
  return grouped(base + finnishReferenceCheck(base), 5, true);
}

function badHetu(rng: Rng): string {
  const ddmmyy = `${String(rng.int(1, 28)).padStart(2, "0")}${String(rng.int(1, 12)).padStart(2, "0")}${rng.digits(2)}`;
  const individual = String(rng.int(2, 899)).padStart(3, "0");
  const good = hetuCheck(ddmmyy, individual);
  const wrong = "0123456789ABCDEFHJKLMNPRSTUVWXY".replace(good, "");
  return `${ddmmyy}-${individual}${rng.pick([...wrong])}`;
}

/** Right check character, impossible date (31.2., 30.2., month 13). */
function impossibleHetu(rng: Rng): string {
  const ddmmyy = rng.pick(["3102", "3002", "3104", "0013", "1513", "0001"]) + rng.digits(2);
  const individual = String(rng.int(2, 899)).padStart(3, "0");
  return `${ddmmyy}${rng.pick(["-", "A"])}${individual}${hetuCheck(ddmmyy, individual)}`;
}

function badIban(rng: Rng): string {
  const body = rng.digits(14);
  const good = Number(ibanCheckDigits("FI", body));
  const check = String((good + rng.int(1, 96)) % 97).padStart(2, "0");
  const compact = `FI${check === "00" || check === "01" ? "42" : check}${body}`;
  return rng.chance(0.5) ? grouped(compact, 4) : compact;
}

function creditorReference(rng: Rng): string {
  const ref = nz(rng, rng.int(6, 12));
  return grouped(`RF${ibanCheckDigits("RF", ref)}${ref}`, 4);
}

const MAKERS: Readonly<Record<string, (rng: Rng) => string>> = {
  invoice: (r) =>
    r.pick([
      `Laskun numero on ${nz(r, 8)}.`,
      `lasku ${nz(r, r.int(6, 10))} on erääntynyt`,
      `Invoice ${nz(r, 7)} is overdue.`,
      `laskunumero 0${r.digits(9)}`,
      `Invoice no. 2025${r.digits(4)}-${r.digits(4)}`,
    ]),
  reference: (r) =>
    r.pick([
      `viitenumero ${finnishReference(r)}`,
      `Maksoin viitteellä ${finnishReference(r)} eilen.`,
      `reference number ${finnishReference(r)}`,
      `Viite: ${creditorReference(r)}`,
      `viitenumero 1234 56789 12345`,
    ]),
  order: (r) =>
    r.pick([
      `Tilausnumero ${nz(r, 9)} ei näy.`,
      `tilausnumero 0${r.pick(["40", "50", "9"])}${r.digits(7)}`,
      `My order number is ${cardLike(r)}.`,
      `order #${nz(r, 8)}`,
      `Tilaukseni ${grouped(cardLike(r), 4)} on kadonnut`,
    ]),
  customer: (r) =>
    r.pick([
      `asiakasnumero ${nz(r, 6)}`,
      `customer number 00${r.digits(8)}`,
      `Asiakasnumeroni on 0${r.pick(["44", "45"])} ${r.digits(3)} ${r.digits(4)}.`,
      `customer ID ${nz(r, 10)}`,
    ]),
  amount: (r) =>
    r.pick([
      `Hinta oli ${r.int(1, 999)},${r.digits(2)} €.`,
      `They charged €${r.int(1, 9)},${r.int(100, 999)}.${r.digits(2)}`,
      `${r.int(1, 9)} ${r.int(100, 999)},${r.digits(2)} euroa`,
      `$${r.int(1, 999)}.${r.digits(2)} refund`,
      `${r.int(1, 99)} ${r.int(100, 999)} ${r.int(100, 999)} € budjetti`,
    ]),
  date: (r) =>
    r.pick([
      `${r.int(1, 28)}.${r.int(1, 12)}.${r.int(2019, 2026)}`,
      `${r.int(2019, 2026)}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`,
      `Toimitus ${r.int(1, 28)}.${r.int(1, 12)}. mennessä`,
      `on ${String(r.int(1, 12)).padStart(2, "0")}/${String(r.int(1, 28)).padStart(2, "0")}/${r.int(2019, 2026)}`,
      `päivämäärä ${String(r.int(1, 28)).padStart(2, "0")}-${String(r.int(1, 12)).padStart(2, "0")}-${r.int(2019, 2026)}`,
    ]),
  time: (r) =>
    r.pick([
      `klo ${r.int(0, 23)}.${r.digits(2)}`,
      `at ${r.int(0, 23)}:${r.int(10, 59)}`,
      `auki ${r.int(7, 10)}–${r.int(16, 21)}`,
      `${String(r.int(0, 23)).padStart(2, "0")}.00-${r.int(12, 23)}.00`,
    ]),
  percent: (r) => r.pick([`${r.int(1, 99)} %`, `${r.int(1, 9)},${r.int(1, 9)}%`, `${r.int(1, 100)} percent`]),
  postcode: (r) =>
    r.pick([
      `0${r.digits(2)}00 Helsinki`,
      `FI-${r.int(10, 99)}100 Tampere`,
      `postinumero 0${r.digits(4)}`,
      `${r.int(10, 99)}${r.digits(3)} Oulu`,
    ]),
  year: (r) =>
    r.pick([`vuonna ${r.int(1950, 2026)}`, `since ${r.int(1950, 2026)}`, `${r.int(1990, 2026)}-luvulla`]),
  count: (r) =>
    r.pick([
      `${r.int(2, 90)} minuuttia`,
      `${r.int(2, 9)} kertaa`,
      `waited ${r.int(2, 90)} minutes`,
      `${r.int(2, 9)} viikkoa`,
      `${r.int(2, 12)} kpl`,
    ]),
  code: (r) =>
    r.pick([
      `SKU-${r.digits(5)}-${r.digits(3)}`,
      `tuotekoodi ${nz(r, 8)}`,
      `malli XR-${r.int(100, 9999)}`,
      `versio ${r.int(1, 20)}.${r.int(0, 20)}.${r.int(0, 20)}`,
      `IP ${r.int(10, 192)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`,
      `EAN ${nz(r, 13)}`,
    ]),
  tracking: (r) =>
    r.pick([
      `JJFI${r.digits(17)}`,
      `seurantakoodi JJFI ${r.digits(5)} ${r.digits(4)} ${r.digits(4)} ${r.digits(4)}`,
      `tracking 1Z${r.digits(3)}AA${r.digits(10)}`,
      `lähetystunnus LX${r.digits(9)}FI`,
      `seurantanumero ${cardLike(r)}`,
    ]),
  "failed checksum": (r) =>
    r.pick([
      `tunnus ${badHetu(r)}`,
      `${impossibleHetu(r)} ei ole oikea`,
      `tili ${badIban(r)}`,
      `kortti ${badLuhn(r)}`,
      `card ${grouped(badLuhn(r), 4)}`,
      `numero ${nz(r, r.int(5, 12))}`,
    ]),
};

const CARRIERS = [
  "{x}",
  "Asiakas kertoi: {x}.",
  "Hei, {x} – voitteko tarkistaa?",
  "Regarding {x}, nothing happened.",
  "Kiitos! {x} 🙂",
  "({x})",
];

/** `perCategory` non-personal numbers of every category, each in a carrier sentence. Deterministic. */
export function nonPersonalNumbers(seed: number, perCategory: number): NonPersonal[] {
  const rng = makeRng(seed);
  const out: NonPersonal[] = [];
  for (const [category, make] of Object.entries(MAKERS)) {
    for (let i = 0; i < perCategory; i++) {
      out.push({ category, text: rng.pick(CARRIERS).replace("{x}", make(rng)) });
    }
  }
  return out;
}
