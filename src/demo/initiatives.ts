import type { ThemeId } from "./themes.ts";

/**
 * Development initiatives of the demo workspace, so the Initiatives page has something to weigh on
 * first start: one done (its measured effect is shown beside it), one dropped, and three ideas the
 * portfolio chooses among. Titles in Finnish and English, as the demo's scorecard names them. The
 * ideas are the larger projects a customer-service organisation weighs (130 000 € and up), so an
 * analyst's own smaller initiatives are not crowded out of a small budget; none is planned or in
 * progress, so the balance check speaks of the analyst's plans alone. Pure: the seeder writes them.
 */
export interface DemoInitiative {
  title: string;
  description: string;
  cost: number;
  goal: "cx" | "efficiency" | "both";
  themeIds: ThemeId[];
  expectedShareRemoved: number;
  owner: string;
  status: "idea" | "done" | "dropped";
  /** YYYY-MM-DD, for a done one. */
  doneOn: string | null;
}

/** The demo's initiatives for data ending in `endMonth` ("YYYY-MM"): the done one was finished 4 months before its end. */
export function demoInitiatives(endMonth: string): DemoInitiative[] {
  const [year, month] = endMonth.split("-").map(Number) as [number, number];
  const done = new Date(Date.UTC(year, month - 1 - 4, 15)).toISOString().slice(0, 10);
  const item = (
    title: string,
    description: string,
    cost: number,
    goal: DemoInitiative["goal"],
    themeIds: ThemeId[],
    expectedShareRemoved: number,
    owner: string,
    status: DemoInitiative["status"] = "idea",
  ): DemoInitiative => ({
    title,
    description,
    cost,
    goal,
    themeIds,
    expectedShareRemoved,
    owner,
    status,
    doneOn: status === "done" ? done : null,
  });
  return [
    item(
      "Laskupohjan selkeytys / Clearer invoice layout",
      "Laskun rivit, eräpäivä ja viitenumero yhdellä silmäyksellä; asiakkaiden kysymykset laskusta vähenevät. / Invoice lines, due date and reference at a glance, so fewer customers call about their bill.",
      35_000,
      "cx",
      ["billing"],
      0.3,
      "Laskutus",
      "done",
    ),
    item(
      "Takaisinsoitto jonotuksen sijaan / Callback instead of queueing",
      "Puhelinjonossa asiakas voi jättää soittopyynnön ja pitää paikkansa jonossa. / Callers in the queue can leave a callback request and keep their place.",
      140_000,
      "cx",
      ["waiting", "callback"],
      0.35,
      "Asiakaspalvelu",
    ),
    item(
      "Sovelluksen kirjautumisen uudistus / New app sign-in",
      "Kirjautuminen pankkitunnuksilla ja biometrialla; salasanan palautus ilman asiakaspalvelua. / Sign-in with bank ID and biometrics; password reset without calling us.",
      160_000,
      "both",
      ["app_login"],
      0.6,
      "Tekninen tuki",
    ),
    item(
      "Chatbotin vastauspankin laajennus / Broader chatbot answers",
      "Botti vastaa myös laskutus- ja toimituskysymyksiin ja siirtää ihmiselle keskustelun kanssa. / The bot also answers billing and delivery questions and hands over with the conversation.",
      130_000,
      "efficiency",
      ["chatbot"],
      0.25,
      "Digipalvelut",
    ),
    item(
      "Aukioloaikojen pidennys iltaan / Evening opening hours",
      "Puhelinpalvelu auki arkisin klo 20 asti. Hylätty: iltojen kysyntä ei kattanut kustannuksia. / Phone service open until 8 pm on weekdays. Dropped: evening demand did not cover the cost.",
      90_000,
      "cx",
      ["opening_hours"],
      0.5,
      "Asiakaspalvelu",
      "dropped",
    ),
  ];
}
