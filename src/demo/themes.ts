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

/**
 * Touchpoints (contact reasons) as a Finnish CRM export labels them, several per theme for realism.
 * They are display names (docs/ARCHITECTURE.md, "Names are stored as display names").
 */
export const TOUCHPOINTS: Record<EncounterTheme, readonly string[]> = {
  waiting: ["Jonotusaika", "Yleinen palaute"],
  callback: ["Takaisinsoittopyyntö"],
  billing: ["Laskutus", "Virheellinen lasku", "Laskutus"],
  prices: ["Hinnasto", "Hinnanmuutos"],
  delivery: ["Toimitus", "Toimitus", "Toimituksen seuranta"],
  returns_refunds: ["Palautus", "Hyvitys"],
  product_defect: ["Vikailmoitus", "Takuu"],
  app_login: ["Sovellukseen kirjautuminen", "Vahva tunnistautuminen"],
  website: ["Verkkosivut", "Verkkokauppa"],
  information: ["Yleinen neuvonta", "Omat tiedot", "Tilauksen tila"],
  contract_cancellation: ["Sopimuksen irtisanominen", "Sopimusmuutos"],
  opening_hours: ["Aukioloajat", "Yleinen neuvonta"],
  chatbot: ["Chatbot", "Verkkoasiointi"],
};

/**
 * The demo's teams. A team's id is its display name, as a real workspace's records carry it
 * ("Tekninen tuki", not a slug), so the dashboard, exports and filters show what a contact centre
 * would; filters and scopes match it by key (store/name-filter.ts).
 */
export const TEAMS = [
  { id: "Laskutus", name: "Laskutus" },
  { id: "Tekninen tuki", name: "Tekninen tuki" },
  { id: "Asiakaspalvelu", name: "Asiakaspalvelu" },
  { id: "Myynti ja sopimukset", name: "Myynti ja sopimukset" },
  { id: "Digipalvelut", name: "Digipalvelut" },
] as const;
export type TeamId = (typeof TEAMS)[number]["id"];

/** Which team handles a theme (weights). app_login goes to Digipalvelut only, so that truth #3 and
 *  the Tekninen tuki NPS drop (truth #2) are not confounded with each other. */
const ROUTING: Record<EncounterTheme, Partial<Record<TeamId, number>>> = {
  waiting: { Asiakaspalvelu: 3, Laskutus: 1, "Tekninen tuki": 1 },
  callback: { Asiakaspalvelu: 2, "Tekninen tuki": 1, Laskutus: 1 },
  billing: { Laskutus: 1 },
  prices: { Laskutus: 1, "Myynti ja sopimukset": 2 },
  delivery: { Asiakaspalvelu: 1 },
  returns_refunds: { Asiakaspalvelu: 2, Laskutus: 1 },
  product_defect: { "Tekninen tuki": 1 },
  app_login: { Digipalvelut: 1 },
  website: { Digipalvelut: 1, "Tekninen tuki": 1 },
  information: { Asiakaspalvelu: 3, "Myynti ja sopimukset": 1, "Tekninen tuki": 2, Laskutus: 1 },
  contract_cancellation: { "Myynti ja sopimukset": 1 },
  opening_hours: { Asiakaspalvelu: 1 },
  chatbot: { Digipalvelut: 1 },
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
