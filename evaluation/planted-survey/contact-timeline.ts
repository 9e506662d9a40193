// Contact timeline of the planted survey: customers, their (repeat) contacts over six months of
// 2025, and the operational facts of each contact (wait, transfers, resolution, duration).

import type { Channel } from "./conversation-text.ts";
import { INDUSTRIES, type Industry, type Language } from "./planted-model.ts";
import type { Rng } from "./prng.ts";

export interface Customer {
  id: string;
  industry: Industry;
  lang: Language;
  channel: Channel;
}

export interface Contact {
  customer: Customer;
  startMs: number;
}

const DAY_MS = 86_400_000;
const PERIOD_START_MS = Date.UTC(2025, 0, 1);
const PERIOD_DAYS = 181; // January–June 2025
const REPEAT_WINDOW_MS = 7 * DAY_MS;
export const ANSWER_RATE = 0.6;
export const CHANNELS: readonly Channel[] = ["phone", "chat", "email"];

/** A random second between 06:00 and 18:00 UTC of the given day (08–21 in Helsinki). */
function workingTime(rng: Rng, day: number): number {
  return PERIOD_START_MS + day * DAY_MS + rng.int(6 * 3600, 18 * 3600 - 1) * 1000;
}

function newCustomer(rng: Rng, index: number): Customer {
  return {
    id: `PS-C-${String(index + 1).padStart(5, "0")}`,
    industry: rng.pick(INDUSTRIES),
    lang: rng.chance(0.5) ? "fi" : "en",
    channel: CHANNELS[rng.weighted([0.5, 0.3, 0.2])] as Channel,
  };
}

/** Contacts of one customer: 1–3 independent episodes, each maybe followed up within 1–6 days. */
function customerContacts(rng: Rng, customer: Customer): Contact[] {
  const episodes = 1 + (rng.chance(0.45) ? 1 + (rng.chance(0.33) ? 1 : 0) : 0);
  const contacts: Contact[] = [];
  for (let e = 0; e < episodes; e++) {
    let day = rng.int(0, PERIOD_DAYS - 1);
    contacts.push({ customer, startMs: workingTime(rng, day) });
    let followUp = 0.16;
    while (rng.chance(followUp)) {
      day += rng.int(1, 6);
      if (day >= PERIOD_DAYS) break;
      contacts.push({ customer, startMs: workingTime(rng, day) });
      followUp = 0.25;
    }
  }
  return contacts;
}

/** repeatContact: the same customer started another contact within the 7×24 h before this one. */
export function repeatFlags(contacts: readonly Contact[]): boolean[] {
  const lastStart = new Map<string, number>();
  return contacts.map((c) => {
    const prev = lastStart.get(c.customer.id);
    lastStart.set(c.customer.id, c.startMs);
    return prev !== undefined && c.startMs > prev && c.startMs - prev <= REPEAT_WINDOW_MS;
  });
}

export function waitSeconds(rng: Rng, channel: Channel): number {
  const [median, sigma] = channel === "phone" ? [170, 0.9] : channel === "chat" ? [80, 0.9] : [1500, 0.8];
  return Math.max(0, Math.round(rng.logNormal(median, sigma)));
}

export function transferCount(rng: Rng, channel: Channel): number {
  const weights: Record<Channel, number[]> = {
    phone: [0.62, 0.24, 0.09, 0.035, 0.01, 0.003, 0.002],
    chat: [0.72, 0.2, 0.06, 0.02],
    email: [0.8, 0.17, 0.03],
  };
  return rng.weighted(weights[channel]);
}

export function resolvedChance(transfers: number, repeat: boolean): number {
  return Math.min(0.95, Math.max(0.2, 0.84 - 0.08 * transfers - (repeat ? 0.12 : 0)));
}

export function durationSeconds(rng: Rng, channel: Channel, transfers: number): number {
  if (channel === "phone") return rng.int(120, 900) + transfers * rng.int(60, 240);
  if (channel === "chat") return rng.int(300, 1500) + transfers * rng.int(60, 300);
  return rng.int(300, 7200) + transfers * rng.int(600, 3600);
}

/** All contacts of enough customers for about answers / ANSWER_RATE encounters, in start order. */
export function drawContacts(rng: Rng, answers: number): Contact[] {
  const target = Math.ceil(answers / ANSWER_RATE);
  const contacts: Contact[] = [];
  for (let i = 0; contacts.length < target; i++) contacts.push(...customerContacts(rng, newCustomer(rng, i)));
  return contacts.sort((a, b) => a.startMs - b.startMs || a.customer.id.localeCompare(b.customer.id));
}
