import type { Rng } from "./prng.ts";

/**
 * The theme vocabulary of the demo. These ids are also what `truths` speak in, so analytics tests can
 * compare what they find against what was planted.
 */
export const THEME_IDS = [
  "waiting",
  "callback",
  "billing",
  "prices",
  "delivery",
  "returns_refunds",
  "product_defect",
  "app_login",
  "website",
  "staff_friendliness",
  "staff_competence",
  "first_contact_resolution",
  "information",
  "contract_cancellation",
  "opening_hours",
  "chatbot",
] as const;
export type ThemeId = (typeof THEME_IDS)[number];

export const COMMENT_ONLY_THEMES = [
  "staff_friendliness",
  "staff_competence",
  "first_contact_resolution",
] as const;
export type CommentOnlyTheme = (typeof COMMENT_ONLY_THEMES)[number];

/** Themes an encounter can be *about*: all but the staff/FCR themes, which only show up in survey comments. */
export type EncounterTheme = Exclude<ThemeId, CommentOnlyTheme>;
export const ENCOUNTER_THEMES: readonly EncounterTheme[] = THEME_IDS.filter(
  (t): t is EncounterTheme => !(COMMENT_ONLY_THEMES as readonly string[]).includes(t),
);

/** Base mix of encounter themes (relative weights). app_login is handled by the emerging-theme truth. */
export const BASE_THEME_WEIGHTS: Record<EncounterTheme, number> = {
  waiting: 4,
  callback: 4,
  billing: 15,
  prices: 7,
  delivery: 12,
  returns_refunds: 9,
  product_defect: 10,
  app_login: 0,
  website: 6,
  information: 14,
  contract_cancellation: 9,
  opening_hours: 4,
  chatbot: 4,
};

/** Touchpoint strings as the (Finnish) CRM would label them; several per theme for realism. */
export const TOUCHPOINTS: Record<EncounterTheme, readonly string[]> = {
  waiting: ["jonotus", "yleinen palaute"],
  callback: ["takaisinsoittopyyntö"],
  billing: ["laskutus", "virheellinen lasku", "laskutus"],
  prices: ["hinnasto", "hinnanmuutos"],
  delivery: ["toimitus", "toimitus", "toimituksen seuranta"],
  returns_refunds: ["palautus", "hyvitys"],
  product_defect: ["vikailmoitus", "takuu"],
  app_login: ["sovellus kirjautuminen", "vahva tunnistautuminen"],
  website: ["verkkosivut", "verkkokauppa"],
  information: ["yleinen neuvonta", "omat tiedot", "tilauksen tila"],
  contract_cancellation: ["sopimuksen irtisanominen", "sopimusmuutos"],
  opening_hours: ["aukioloajat", "yleinen neuvonta"],
  chatbot: ["chatbot", "digipalvelut"],
};

export const TEAMS = [
  { id: "laskutus", name: "Laskutus" },
  { id: "tekninen-tuki", name: "Tekninen tuki" },
  { id: "asiakaspalvelu", name: "Asiakaspalvelu" },
  { id: "myynti-ja-sopimukset", name: "Myynti ja sopimukset" },
  { id: "digipalvelut", name: "Digipalvelut" },
] as const;
export type TeamId = (typeof TEAMS)[number]["id"];

/** Which team handles a theme (weights). app_login goes to Digipalvelut only, so that truth #3 and
 *  the Tekninen tuki NPS drop (truth #2) are not confounded with each other. */
const ROUTING: Record<EncounterTheme, Partial<Record<TeamId, number>>> = {
  waiting: { asiakaspalvelu: 3, laskutus: 1, "tekninen-tuki": 1 },
  callback: { asiakaspalvelu: 2, "tekninen-tuki": 1, laskutus: 1 },
  billing: { laskutus: 1 },
  prices: { laskutus: 1, "myynti-ja-sopimukset": 2 },
  delivery: { asiakaspalvelu: 1 },
  returns_refunds: { asiakaspalvelu: 2, laskutus: 1 },
  product_defect: { "tekninen-tuki": 1 },
  app_login: { digipalvelut: 1 },
  website: { digipalvelut: 1, "tekninen-tuki": 1 },
  information: { asiakaspalvelu: 3, "myynti-ja-sopimukset": 1, "tekninen-tuki": 2, laskutus: 1 },
  contract_cancellation: { "myynti-ja-sopimukset": 1 },
  opening_hours: { asiakaspalvelu: 1 },
  chatbot: { digipalvelut: 1 },
};

export function routeTeam(rng: Rng, theme: EncounterTheme): TeamId {
  return rng.weighted(ROUTING[theme] as Record<TeamId, number>);
}

/**
 * Planted effect of a theme on the latent 0–10 score (added to the base mean). billing is by far the
 * strongest, then long waits (see LONG_WAIT_EFFECT); the rest are mild, so the top-two drivers are clear.
 */
export const THEME_SCORE_EFFECT: Record<EncounterTheme, number> = {
  waiting: -1.2,
  callback: -1.0,
  billing: -3.4,
  prices: -0.8,
  delivery: -0.7,
  returns_refunds: -0.5,
  product_defect: -1.1,
  app_login: -1.3,
  website: -0.4,
  information: 0.3,
  contract_cancellation: -0.9,
  opening_hours: -0.3,
  chatbot: -0.8,
};

/** Waits longer than this count as "long" (truth #1). */
export const LONG_WAIT_SECONDS = 600;
/** Score effect of a long queue, on top of the theme effect. */
export const LONG_WAIT_EFFECT = -2.8;
