/**
 * The business case for management (issue 13, item 4): one page, in Finnish or English, that says
 * what hurts customers (the most harmful themes, in customers' own — redacted — words), what the
 * chosen portfolio is expected to win back (with intervals), what it costs, what a point of NPS is
 * worth, and what was left out and why. Rendered as HTML (printable on one A4 page) and as PDF
 * (pdfkit, with its built-in Helvetica, whose WinAnsi encoding has ä, ö, å and €).
 */
import { html, raw } from "hono/html";
import type { Initiative } from "../store/initiative-repository.ts";
import type { PortfolioAnswer, Ranked } from "./initiatives.ts";
import { themeName } from "./theme-names.ts";

export type Lang = "fi" | "en";

export interface ProblemTheme {
  theme: string;
  /** NPS(all) − NPS(without the theme), with its interval. */
  impact: { value: number; low: number; high: number };
  /** % of analysed encounters that mention it. */
  share: number;
  /** Short redacted comments of detractors that name the theme; empty when the reader may not see text. */
  quotes: string[];
}

export interface BusinessCase {
  lang: Lang;
  createdAt: string;
  budget: number;
  problems: ProblemTheme[];
  /** Quotes are left out for readers who may not read customer text. */
  quotesHidden: boolean;
  ranked: Ranked[];
  portfolio: PortfolioAnswer;
  caveats: { id: string; text: { fi: string; en: string } }[];
}

const T = {
  fi: {
    title: "Liiketoimintaperuste: asiakaskokemuksen kehityshankkeet",
    summary: "Yhteenveto",
    budget: "Budjetti",
    chosen: "Valittu kokonaisuus",
    cost: "Kustannus",
    gain: "Odotettu NPS-muutos",
    value: "Arvo vuodessa",
    point: "Yhden NPS-pisteen arvo",
    perYear: "€ / vuosi",
    problem: "Ongelma asiakkaiden sanoin",
    impact: "Vaikutus NPS:ään",
    share: "osuus kohtaamisista",
    quotesHidden:
      "Esimerkkikommentit näytetään vain käyttäjille, joilla on oikeus lukea asiakkaiden tekstejä.",
    portfolio: "Ehdotetut hankkeet",
    initiative: "Hanke",
    themes: "Teemat",
    ownEstimate: "omistajan arvio",
    none: "Budjetilla ei voi valita yhtään hanketta, joka parantaisi NPS:ää.",
    leftOut: "Jätettiin pois",
    reason: "Syy",
    reasons: {
      no_gain: "ei mitattavaa hyötyä asiakkaille",
      over_budget_alone: "yksinään yli budjetin",
      not_in_optimum: "muut hankkeet tuottavat samalla rahalla enemmän",
    },
    sensitivity: "Jos budjetti muuttuu",
    adds: "lisää",
    drops: "poistaa",
    same: "sama valinta",
    balance: "Tasapaino",
    mostlyEfficiency:
      "Suunnitelluista hankkeista suurin osa euroista menee pelkkään tehokkuuteen, vaikka tavoite on asiakaskokemus.",
    mix: "Rahan jakautuminen tavoitteittain (valittu kokonaisuus)",
    goals: { cx: "asiakaskokemus", efficiency: "tehokkuus", both: "molemmat" },
    noEffect: "Hankkeet, joiden teemoilla ei ole mitattavaa vaikutusta NPS:ään",
    assumptions: "Oletukset ja varaumat",
    priceLine: (c: number, v: number, g: number) =>
      `${fmt(c, "fi")} asiakasta × ${fmt(v, "fi")} € vuodessa × poistumaero ${fmt(g * 100, "fi")} %-yks. / 200 pistettä`,
    interval: "95 %:n väli",
    created: "Laadittu",
  },
  en: {
    title: "Business case: customer experience initiatives",
    summary: "Summary",
    budget: "Budget",
    chosen: "Chosen portfolio",
    cost: "Cost",
    gain: "Expected NPS change",
    value: "Value a year",
    point: "Value of one NPS point",
    perYear: "€ / year",
    problem: "The problem in customers' words",
    impact: "Impact on NPS",
    share: "of encounters",
    quotesHidden: "Example comments are shown only to users who may read customer text.",
    portfolio: "Proposed initiatives",
    initiative: "Initiative",
    themes: "Themes",
    ownEstimate: "owner's estimate",
    none: "No initiative that improves NPS fits the budget.",
    leftOut: "Left out",
    reason: "Reason",
    reasons: {
      no_gain: "no measurable gain for customers",
      over_budget_alone: "over the budget on its own",
      not_in_optimum: "other initiatives win more for the same money",
    },
    sensitivity: "If the budget moves",
    adds: "adds",
    drops: "drops",
    same: "the same choice",
    balance: "Balance",
    mostlyEfficiency:
      "Most of the euros of the planned initiatives go to efficiency-only work, although the goal is customer experience.",
    mix: "Money by goal (chosen portfolio)",
    goals: { cx: "customer experience", efficiency: "efficiency", both: "both" },
    noEffect: "Initiatives whose themes show no measurable effect on NPS",
    assumptions: "Assumptions and caveats",
    priceLine: (c: number, v: number, g: number) =>
      `${fmt(c, "en")} customers × €${fmt(v, "en")} a year × churn gap ${fmt(g * 100, "en")} pp / 200 points`,
    interval: "95% interval",
    created: "Prepared",
  },
} as const;

function fmt(x: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(lang === "fi" ? "fi-FI" : "en-GB", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(x);
}

const eur = (x: number, lang: Lang) => (lang === "fi" ? `${fmt(x, lang)} €` : `€${fmt(x, lang)}`);
const signed = (x: number, lang: Lang) => `${x > 0 ? "+" : ""}${fmt(x, lang, 1)}`;
const range = (low: number | null, high: number | null, lang: Lang) =>
  low === null || high === null ? "" : `${fmt(low, lang, 1)} – ${fmt(high, lang, 1)}`;

/** The plain-text lines of the document, shared by the HTML and the PDF so both say the same. */
export interface CaseSection {
  heading: string;
  lines: string[];
  table?: { head: string[]; rows: string[][] };
}

export function businessCaseSections(bc: BusinessCase): {
  title: string;
  meta: string;
  sections: CaseSection[];
} {
  const t = T[bc.lang];
  const lang = bc.lang;
  const p = bc.portfolio;
  const byId = new Map(bc.ranked.map((r) => [r.initiative.id, r]));
  const titleOf = (id: string) => byId.get(id)?.initiative.title ?? id;
  const themesOf = (i: Initiative) => i.themeIds.map((id) => themeName(id)[lang]).join(", ");
  const sections: CaseSection[] = [];
  sections.push({
    heading: t.summary,
    lines: [
      `${t.budget}: ${eur(p.budget, lang)}. ${t.chosen}: ${p.selected.length} · ${t.cost} ${eur(p.totalCost, lang)}.`,
      `${t.gain}: ${signed(p.totalGain, lang)} (${t.interval} ${range(p.gainInterval.low, p.gainInterval.high, lang)}).`,
      `${t.value}: ${eur(p.valueAtStake.portfolioValueEur, lang)} (${eur(p.valueAtStake.portfolioValueIntervalEur.low, lang)} – ${eur(p.valueAtStake.portfolioValueIntervalEur.high, lang)}).`,
      `${t.point}: ${eur(p.valueAtStake.perNpsPointEur, lang)} ${t.perYear.replace("€ ", "")} (${t.priceLine(p.valueAtStake.customers, p.valueAtStake.yearlyValueEur, p.valueAtStake.churnGap)}).`,
    ],
  });
  sections.push({
    heading: t.problem,
    lines: [
      ...bc.problems.flatMap((pr) => [
        `${themeName(pr.theme)[lang]} — ${t.impact} ${signed(pr.impact.value, lang)} (${t.interval} ${range(pr.impact.low, pr.impact.high, lang)}), ${fmt(pr.share, lang, 1)} % ${t.share}.`,
        ...pr.quotes.map((q) => `“${q}”`),
      ]),
      ...(bc.quotesHidden ? [t.quotesHidden] : []),
    ],
  });
  sections.push({
    heading: t.portfolio,
    lines: p.selected.length === 0 ? [t.none] : [],
    ...(p.selected.length > 0
      ? {
          table: {
            head: [t.initiative, t.cost, t.gain, t.value, t.themes],
            rows: p.selected.map((id) => {
              const r = byId.get(id) as Ranked;
              return [
                r.initiative.title,
                eur(r.initiative.cost, lang),
                r.gain.source === "owner"
                  ? `${signed(r.gain.value, lang)} (${t.ownEstimate})`
                  : `${signed(r.gain.value, lang)} (${range(r.gain.low, r.gain.high, lang)})`,
                eur(r.valueEur, lang),
                themesOf(r.initiative),
              ];
            }),
          },
        }
      : {}),
  });
  if (p.leftOut.length > 0)
    sections.push({
      heading: t.leftOut,
      lines: [],
      table: {
        head: [t.initiative, t.cost, t.reason],
        rows: p.leftOut.map((l) => [
          titleOf(l.id),
          eur(byId.get(l.id)?.initiative.cost ?? 0, lang),
          t.reasons[l.reason],
        ]),
      },
    });
  sections.push({
    heading: t.sensitivity,
    lines: p.alternatives.map((a) => {
      const change = [
        ...(a.added.length ? [`${t.adds} ${a.added.map(titleOf).join(", ")}`] : []),
        ...(a.removed.length ? [`${t.drops} ${a.removed.map(titleOf).join(", ")}`] : []),
      ];
      return `${a.move > 0 ? "+" : "−"}${Math.abs(a.move * 100)} % (${eur(a.budget, lang)}): ${signed(a.totalGain, lang)} NPS, ${change.length ? change.join("; ") : t.same}.`;
    }),
  });
  const mix = p.balance.portfolio;
  sections.push({
    heading: t.balance,
    lines: [
      `${t.mix}: ${t.goals.cx} ${eur(mix.cx, lang)}, ${t.goals.both} ${eur(mix.both, lang)}, ${t.goals.efficiency} ${eur(mix.efficiency, lang)}.`,
      ...(p.balance.planned.mostlyEfficiency ? [t.mostlyEfficiency] : []),
      ...(p.balance.noMeasurableEffect.length
        ? [`${t.noEffect}: ${p.balance.noMeasurableEffect.map(titleOf).join(", ")}.`]
        : []),
    ],
  });
  sections.push({ heading: t.assumptions, lines: bc.caveats.map((c) => c.text[lang]) });
  return {
    title: t.title,
    meta: `${t.created} ${bc.createdAt.slice(0, 10)} · ${t.budget} ${eur(bc.budget, lang)}`,
    sections,
  };
}

const STYLE = `
  @page { size: A4; margin: 14mm; }
  body { font: 11px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; max-width: 190mm; margin: 0 auto; padding: 8px; }
  h1 { font-size: 18px; margin: 0 0 2px; }
  h2 { font-size: 13px; margin: 14px 0 4px; border-bottom: 1px solid #c9d1d9; padding-bottom: 2px; }
  p { margin: 2px 0; }
  .meta { color: #57606a; margin-bottom: 8px; }
  blockquote { margin: 2px 0 2px 12px; color: #24292f; font-style: italic; }
  table { border-collapse: collapse; width: 100%; margin: 4px 0; }
  th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #d8dee4; vertical-align: top; }
  th { background: #f3f5f7; }
`;

/** The document as a standalone HTML page (escaped: titles and quotes are user text). */
export function businessCaseHtml(bc: BusinessCase): string {
  const doc = businessCaseSections(bc);
  const body = doc.sections.map(
    (s) => html`<section>
  <h2>${s.heading}</h2>
  ${s.lines.map((l) => (l.startsWith("“") ? html`<blockquote>${l}</blockquote>` : html`<p>${l}</p>`))}
  ${
    s.table
      ? html`<table>
    <thead><tr>${s.table.head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>${s.table.rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
  </table>`
      : ""
  }
</section>`,
  );
  return String(html`<!doctype html>
<html lang="${bc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
<h1>${doc.title}</h1>
<p class="meta">${doc.meta}</p>
${body}
</main>
</body>
</html>`);
}

/** The same document as a PDF (A4). */
export async function businessCasePdf(bc: BusinessCase): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = businessCaseSections(bc);
  const pdf = new PDFDocument({ size: "A4", margin: 40, info: { Title: doc.title } });
  const chunks: Buffer[] = [];
  pdf.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => pdf.on("end", () => resolve()));
  const width = pdf.page.width - 80;
  pdf.font("Helvetica-Bold").fontSize(15).text(doc.title, { width });
  pdf.font("Helvetica").fontSize(9).fillColor("#57606a").text(doc.meta, { width }).fillColor("black");
  for (const s of doc.sections) {
    pdf.moveDown(0.6).font("Helvetica-Bold").fontSize(11).text(s.heading, { width });
    pdf.font("Helvetica").fontSize(9);
    for (const l of s.lines)
      pdf.font(l.startsWith("“") ? "Helvetica-Oblique" : "Helvetica").text(l, { width });
    if (s.table) {
      pdf.font("Helvetica-Bold").text(s.table.head.join("  |  "), { width });
      pdf.font("Helvetica");
      for (const r of s.table.rows) pdf.text(r.join("  |  "), { width });
    }
  }
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}
