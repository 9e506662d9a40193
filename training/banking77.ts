/**
 * BANKING77 (Casanueva, Temčinas, Gerz, Henderson & Vulić 2020, CC BY 4.0; credit in
 * models/README.md): 10,003 English queries real bank customers could send ("I am still waiting on
 * my card?"), each labelled with one of 77 intents by the dataset's authors. Read from outside the
 * repository (../shared/data/banking77/train.csv, or KOHTAAMO_TONE_DATA), never committed.
 *
 * Kohtaamo's taxonomy is coarser than the intents, so an intent counts only where one theme
 * plainly covers it (INTENT_THEMES, decided intent by intent from the intents' names and the
 * taxonomy's descriptions, before any model was scored on them); intents about things the taxonomy
 * has no theme for (lost cards, ATMs, identity checks, currencies, limits) are left out.
 *
 * The lines are split by a seeded hash of the text into "train" (70%), which the English themes
 * model may learn from, and "heldout" (30%), which only `npm run eval` reads: public text written by
 * people outside this project that no model trained on.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { hashFeature } from "../src/analysis/model/feature-hashing.ts";
import type { Utterance } from "./corpus.ts";
import { TONE_DATA_DIR } from "./tone-data.ts";

export const BANKING77_SEED = "banking77-2026-12";
const HELDOUT_PERCENT = 30;

/** Intent → the one theme that covers it (taxonomy.json ids). Intents not listed are not used. */
export const INTENT_THEMES: Readonly<Record<string, string>> = {
  // A card on its way: delivery (not queue waiting).
  card_arrival: "delivery",
  card_delivery_estimate: "delivery",
  // Ordering a card.
  order_physical_card: "order_handling",
  getting_spare_card: "order_handling",
  // A card or feature that does not work: a faulty product.
  card_not_working: "product_defect",
  contactless_not_working: "product_defect",
  // Activating: setting up a product.
  activate_my_card: "installation",
  // Fees and rates: prices.
  exchange_rate: "prices",
  exchange_charge: "prices",
  card_payment_fee_charged: "prices",
  transfer_fee_charged: "prices",
  top_up_by_bank_transfer_charge: "prices",
  top_up_by_card_charge: "prices",
  cash_withdrawal_charge: "prices",
  // Charges on the statement that should not be there: billing.
  extra_charge_on_statement: "billing",
  transaction_charged_twice: "billing",
  // Paying and moving money: payments. (The dataset spells one intent "reverted_card_payment?", with a
  // question mark; it is mapped under that exact name.)
  "reverted_card_payment?": "payments",
  pending_card_payment: "payments",
  declined_card_payment: "payments",
  direct_debit_payment_not_recognised: "payments",
  apple_pay_or_google_pay: "payments",
  pending_transfer: "payments",
  failed_transfer: "payments",
  declined_transfer: "payments",
  cancel_transfer: "payments",
  transfer_timing: "payments",
  transfer_not_received_by_recipient: "payments",
  transfer_into_account: "payments",
  receiving_money: "payments",
  beneficiary_not_allowed: "payments",
  balance_not_updated_after_bank_transfer: "payments",
  balance_not_updated_after_cheque_or_cash_deposit: "payments",
  automatic_top_up: "payments",
  topping_up_by_card: "payments",
  top_up_by_cash_or_cheque: "payments",
  pending_top_up: "payments",
  top_up_failed: "payments",
  top_up_reverted: "payments",
  // Money back.
  request_refund: "returns_refunds",
  Refund_not_showing_up: "returns_refunds",
  // Logging in.
  passcode_forgotten: "app_login",
  // Personal details.
  edit_personal_details: "personal_data",
  // Ending the customer relationship.
  terminate_account: "contract_cancellation",
};

export interface Banking77Line {
  text: string;
  intent: string;
  theme: string;
}

function partOf(text: string): "train" | "heldout" {
  const key = text.toLowerCase().replace(/\s+/g, " ").trim();
  return hashFeature(`${BANKING77_SEED}:${key}`, 16) % 100 < HELDOUT_PERCENT ? "heldout" : "train";
}

/** The mapped lines of one part; an empty list when the data is not there. */
export function banking77(part: "train" | "heldout"): Banking77Line[] {
  const file = path.join(TONE_DATA_DIR, "banking77", "train.csv");
  if (!fs.existsSync(file)) return [];
  const rows = parse(fs.readFileSync(file, "utf8"), { columns: true, skip_empty_lines: true }) as {
    text: string;
    category: string;
  }[];
  const seen = new Set<string>();
  const out: Banking77Line[] = [];
  for (const r of rows) {
    const text = r.text.trim();
    const theme = INTENT_THEMES[r.category];
    if (!theme || text === "" || seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    if (partOf(text) === part) out.push({ text, intent: r.category, theme });
  }
  return out;
}

/**
 * A line as a themes-only utterance (source `banking77:<intent>`). BANKING77 labels no tone or
 * emotions: such utterances must only ever feed or score themes (their tone is a placeholder).
 */
export function themeUtterance(l: Banking77Line): Utterance {
  return {
    text: l.text,
    lang: "en",
    speaker: "customer",
    channel: "chat",
    tone: "neutral",
    emotions: [],
    themes: [{ id: l.theme, polarity: "neutral" }],
    behaviours: [],
    source: `banking77:${l.intent}`,
  };
}

/** At most this many training lines per theme, spread evenly over its intents (payments has 21). */
export const BANKING77_TRAIN_PER_THEME = 120;

/**
 * The training part as themes-only utterances for the English themes model, at most
 * BANKING77_TRAIN_PER_THEME per theme, picked round-robin over the theme's intents in a seeded
 * order (themes only: see themeUtterance).
 */
export function banking77ThemeUtterances(perTheme = BANKING77_TRAIN_PER_THEME): Utterance[] {
  const byIntent = new Map<string, Banking77Line[]>();
  for (const l of banking77("train")) byIntent.set(l.intent, [...(byIntent.get(l.intent) ?? []), l]);
  const order = (l: Banking77Line) => hashFeature(`${BANKING77_SEED}:pick:${l.text}`, 30);
  for (const lines of byIntent.values()) lines.sort((a, b) => order(a) - order(b));
  const out: Utterance[] = [];
  for (const theme of new Set(Object.values(INTENT_THEMES))) {
    const queues = [...byIntent.entries()]
      .filter(([intent]) => INTENT_THEMES[intent] === theme)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, lines]) => [...lines]);
    let taken = 0;
    while (taken < perTheme && queues.some((q) => q.length > 0)) {
      for (const q of queues) {
        const l = q.shift();
        if (!l || taken >= perTheme) continue;
        out.push(themeUtterance(l));
        taken++;
      }
    }
  }
  return out;
}
