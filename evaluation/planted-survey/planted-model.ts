// The planted truth: which themes move the NPS score, by how much, and which are pure noise.
// Everything the generator and the README say about effects is read from here.

export type Industry = "tel" | "ene" | "bank" | "ins" | "ret" | "pub";
export type Language = "fi" | "en";
export type Polarity = -1 | 1;

export const INDUSTRIES: readonly Industry[] = ["tel", "ene", "bank", "ins", "ret", "pub"];

/** Team id per industry (one customer-service team per line of business). */
export const TEAMS: Record<Industry, string> = {
  tel: "telecom-care",
  ene: "energy-care",
  bank: "banking-care",
  ins: "insurance-care",
  ret: "retail-orders",
  pub: "city-services",
};

export const EFFECT_THEMES = ["billing", "outage", "staff_friendliness", "delivery", "app_login"] as const;
export const NOISE_THEMES = [
  "opening_hours",
  "prices",
  "contract_changes",
  "installation",
  "sales_offers",
  "information",
] as const;

export type EffectTheme = (typeof EFFECT_THEMES)[number];
export type NoiseTheme = (typeof NOISE_THEMES)[number];
export type ThemeId = EffectTheme | NoiseTheme;
export const THEMES: readonly ThemeId[] = [...EFFECT_THEMES, ...NOISE_THEMES];

export interface ThemeSpec {
  /** Industries where customers talk about the theme. */
  industries: readonly Industry[];
  /** Share of mentions that are complaints (polarity −1); the rest are praise (+1). */
  negativeShare: number;
  /** Score change per unit of polarity: a complaint adds −beta, praise adds +beta. 0 for noise. */
  beta: number;
}

export const THEME_SPECS: Record<ThemeId, ThemeSpec> = {
  billing: { industries: ["tel", "ene", "ins", "pub"], negativeShare: 0.85, beta: 2.2 },
  outage: { industries: ["tel", "ene", "bank"], negativeShare: 0.85, beta: 1.5 },
  staff_friendliness: { industries: INDUSTRIES, negativeShare: 0.25, beta: 1.2 },
  delivery: { industries: ["ret", "tel"], negativeShare: 0.75, beta: 0.9 },
  app_login: { industries: INDUSTRIES, negativeShare: 0.7, beta: 0.6 },
  opening_hours: { industries: INDUSTRIES, negativeShare: 0.6, beta: 0 },
  prices: { industries: ["tel", "ene", "bank", "ins", "ret"], negativeShare: 0.65, beta: 0 },
  contract_changes: { industries: ["tel", "ene", "ins", "bank"], negativeShare: 0.5, beta: 0 },
  installation: { industries: ["tel", "ene", "ret"], negativeShare: 0.5, beta: 0 },
  sales_offers: { industries: ["tel", "ene", "bank", "ins", "ret"], negativeShare: 0.6, beta: 0 },
  information: { industries: INDUSTRIES, negativeShare: 0.5, beta: 0 },
};

/** Mention probability of a theme in an answer of an industry where it is available. */
export function mentionProbability(theme: ThemeId): number {
  const available = THEME_SPECS[theme].industries.length;
  return 0.13 * Math.sqrt(INDUSTRIES.length / available);
}

/**
 * score = round(clamp(intercept + Σ beta·polarity + waitMinutes·w + transfers·t
 *                     + repeatContact·r + resolved·s + N(0, noiseSd), 0, 10))
 * with waitMinutes = min(wait_seconds, 3600)/60 and transfers = min(transfers, 5).
 */
export const OPERATIONAL_EFFECTS = {
  intercept: 7.5,
  noiseSd: 1.75,
  waitMinutes: -0.05,
  transfers: -0.55,
  repeatContact: -1.2,
  resolved: 1.5,
} as const;

export interface PlantedEffects {
  formula: string;
  intercept: number;
  noiseSd: number;
  /** Per unit of polarity (−1 complaint, +1 praise); noise themes are 0. */
  themes: Record<ThemeId, number>;
  waitMinutes: number;
  transfers: number;
  repeatContact: number;
  resolved: number;
}

export function plantedEffects(): PlantedEffects {
  const themes = Object.fromEntries(THEMES.map((t) => [t, THEME_SPECS[t].beta])) as Record<ThemeId, number>;
  return {
    formula:
      "score = round(clamp(intercept + sum(themes[t] * polarity_t) + waitMinutes*w + transfers*t + repeatContact*r + resolved*s + N(0, noiseSd), 0, 10))",
    intercept: OPERATIONAL_EFFECTS.intercept,
    noiseSd: OPERATIONAL_EFFECTS.noiseSd,
    themes,
    waitMinutes: OPERATIONAL_EFFECTS.waitMinutes,
    transfers: OPERATIONAL_EFFECTS.transfers,
    repeatContact: OPERATIONAL_EFFECTS.repeatContact,
    resolved: OPERATIONAL_EFFECTS.resolved,
  };
}
