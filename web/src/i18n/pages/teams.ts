/** The teams texts of the dashboard; merged into en.ts and fi.ts (dictionaries.test.ts checks both). */
export const teamsEn = {
  "teamsPage.agentNote":
    "The teams' figures are not open to the agent role. Your own encounters are under Encounters.",
  "teamsPage.intro":
    "The two wheels: customer experience (NPS and the tone of the encounters) beside employee experience (eNPS from the team's pulse), month by month.",
  "teamsPage.linkTitle": "Do employee and customer experience move together?",
  "teamsPage.cannotFew":
    "The data cannot support a conclusion: fewer than {min} team-months have both a pulse and survey answers.",
  "teamsPage.cannotNone":
    "The data cannot support a conclusion: no lag of 0–3 months shows a significant within-team correlation between eNPS and NPS.",
  "teamsPage.linkDistinct":
    "Within teams, eNPS and NPS move together; the link is strongest with eNPS leading by {lag} months: r = {r} (95% interval {low} … {high}), {n} team-months.",
  "teamsPage.linkBlurred":
    "Within teams, eNPS and NPS move together; the lags of 0–3 months cannot be told apart (the highest, {lag} months, is within the others' noise): r = {r} (95% interval {low} … {high}), {n} team-months.",
  "teamsPage.showsTitle": "What it shows",
  "teamsPage.notShowsTitle": "What it does not show",
  "teamsPage.notShows":
    "That one causes the other. Both may follow something else — workload, a product problem, the season. Each team is compared with its own average month, so this says nothing about which team is better, and with a year of monthly pulses the interval stays wide.",
  "teamsPage.lagCaption": "Within-team correlation of eNPS with the customer side, eNPS leading",
  "teamsPage.lag": "eNPS leads by",
  "teamsPage.lagMonths": "{lag} mo",
  "teamsPage.outcome": "Customer side",
  "teamsPage.outcomeNps": "NPS",
  "teamsPage.outcomeTone": "Tone",
  "teamsPage.r": "r",
  "teamsPage.interval": "95% interval",
  "teamsPage.pairs": "Team-months",
  "teamsPage.boldNote": "Bold: significant (p < 0.05). n: team-months.",
  "teamsPage.tooFewMonths": "too few months to test",
  "teamsPage.noVariation": "no variation to test",
  "teamsPage.touchTitle": "High- and low-touch teams",
  "teamsPage.touchIntro":
    "High-touch teams handle most of their encounters in person; low-touch teams mostly through self-service and bots.",
  "teamsPage.touch.high": "High-touch",
  "teamsPage.touch.low": "Low-touch",
  "teamsPage.touchTeams": "Teams: {teams}",
  "teamsPage.touchNone": "No teams",
  "teamsPage.teamsTitle": "Teams month by month",
  "teamsPage.assisted": "{share} % of encounters handled by people",
  "teamsPage.latest": "Latest month shown ({month})",
  "teamsPage.fewAnswers": "Hollow NPS points: fewer than {n} answers that month, read them with care.",
  "teamsPage.nps": "NPS",
  "teamsPage.enps": "eNPS",
  "teamsPage.tone": "Tone",
  "teamsPage.toneAxis": "Tone (right axis)",
  "teamsPage.month": "Month",
  "teamsPage.figures": "Figures by month",
  "teamsPage.chartSummary": "{team}, by month: {points}",
  "teamsPage.noShift": "No significant shift in eNPS or NPS.",
  "teamsPage.ledFell":
    "eNPS fell from {enpsMonth} and NPS followed from {npsMonth}: employee experience led by {lead} months.",
  "teamsPage.ledRose":
    "eNPS rose from {enpsMonth} and NPS followed from {npsMonth}: employee experience led by {lead} months.",
  "teamsPage.sameFell": "eNPS and NPS fell in the same month ({month}).",
  "teamsPage.sameRose": "eNPS and NPS rose in the same month ({month}).",
  "teamsPage.npsFirstFell": "NPS fell from {npsMonth}, before eNPS did ({enpsMonth}).",
  "teamsPage.npsFirstRose": "NPS rose from {npsMonth}, before eNPS did ({enpsMonth}).",
  "teamsPage.onlyEnps": "eNPS shifted from {month}; NPS did not shift significantly, so no lead can be read.",
  "teamsPage.onlyNps": "NPS shifted from {month}; eNPS did not shift significantly, so no lead can be read.",
  "teamsPage.change": "{what}: {before} → {after} from {month}",
  "teamsPage.suppressedTeam":
    "Hidden: this team's shifts rest on fewer answers than the privacy floor allows to show.",
  "teamsPage.suppressedMonths": "{count} months hidden: fewer answers than the privacy floor allows to show.",
  "teamsPage.exportWhat": "the team months",
} as const;

export const teamsFi: Record<keyof typeof teamsEn, string> = {
  "teamsPage.agentNote":
    "Tiimien luvut eivät näy asiakaspalvelijan roolille. Omat kohtaamisesi löytyvät Kohtaamiset-sivulta.",
  "teamsPage.intro":
    "Kaksi pyörää: asiakaskokemus (NPS ja kohtaamisten sävy) henkilöstökokemuksen (tiimin pulssikyselyn eNPS) rinnalla kuukausittain.",
  "teamsPage.linkTitle": "Kulkevatko henkilöstö- ja asiakaskokemus yhdessä?",
  "teamsPage.cannotFew":
    "Aineisto ei riitä johtopäätökseen: alle {min} tiimikuukaudelta on sekä pulssikysely että asiakaskyselyn vastauksia.",
  "teamsPage.cannotNone":
    "Aineisto ei riitä johtopäätökseen: millään 0–3 kuukauden viiveellä eNPS:n ja NPS:n korrelaatio tiimien sisällä ei ole merkitsevä.",
  "teamsPage.linkDistinct":
    "Tiimien sisällä eNPS ja NPS kulkevat yhdessä; yhteys on vahvin, kun eNPS edeltää {lag} kuukautta: r = {r} (95 %:n luottamusväli {low} … {high}), {n} tiimikuukautta.",
  "teamsPage.linkBlurred":
    "Tiimien sisällä eNPS ja NPS kulkevat yhdessä; 0–3 kuukauden viiveitä ei voi erottaa toisistaan (vahvin, {lag} kuukautta, jää muiden satunnaisvaihtelun sisään): r = {r} (95 %:n luottamusväli {low} … {high}), {n} tiimikuukautta.",
  "teamsPage.showsTitle": "Mitä tämä näyttää",
  "teamsPage.notShowsTitle": "Mitä tämä ei näytä",
  "teamsPage.notShows":
    "Että toinen aiheuttaisi toisen. Molemmat voivat seurata jotain muuta – työkuormaa, tuotteen ongelmaa tai vuodenaikaa. Kutakin tiimiä verrataan sen omaan keskimääräiseen kuukauteen, joten tästä ei näe, mikä tiimi on parempi, ja vuoden kuukausittaisilla pulsseilla luottamusväli pysyy leveänä.",
  "teamsPage.lagCaption": "eNPS:n korrelaatio asiakaspuoleen tiimien sisällä, eNPS edeltää",
  "teamsPage.lag": "eNPS edeltää",
  "teamsPage.lagMonths": "{lag} kk",
  "teamsPage.outcome": "Asiakaspuoli",
  "teamsPage.outcomeNps": "NPS",
  "teamsPage.outcomeTone": "Sävy",
  "teamsPage.r": "r",
  "teamsPage.interval": "95 %:n luottamusväli",
  "teamsPage.pairs": "Tiimikuukaudet",
  "teamsPage.boldNote": "Lihavoitu: merkitsevä (p < 0,05). n: tiimikuukaudet.",
  "teamsPage.tooFewMonths": "liian vähän kuukausia testattavaksi",
  "teamsPage.noVariation": "ei vaihtelua testattavaksi",
  "teamsPage.touchTitle": "Paljon ja vähän henkilökohtaista palvelua",
  "teamsPage.touchIntro":
    "Paljon henkilökohtaista palvelua antavat tiimit hoitavat suurimman osan kohtaamisistaan itse; vähän antavat enimmäkseen omapalvelun ja bottien kautta.",
  "teamsPage.touch.high": "Paljon henkilökohtaista",
  "teamsPage.touch.low": "Vähän henkilökohtaista",
  "teamsPage.touchTeams": "Tiimit: {teams}",
  "teamsPage.touchNone": "Ei tiimejä",
  "teamsPage.teamsTitle": "Tiimit kuukausittain",
  "teamsPage.assisted": "{share} % kohtaamisista ihmisen hoitamia",
  "teamsPage.latest": "Viimeisin näytetty kuukausi ({month})",
  "teamsPage.fewAnswers": "Ontot NPS-pisteet: alle {n} vastausta kuukaudessa, tulkitse varoen.",
  "teamsPage.nps": "NPS",
  "teamsPage.enps": "eNPS",
  "teamsPage.tone": "Sävy",
  "teamsPage.toneAxis": "Sävy (oikea akseli)",
  "teamsPage.month": "Kuukausi",
  "teamsPage.figures": "Luvut kuukausittain",
  "teamsPage.chartSummary": "{team} kuukausittain: {points}",
  "teamsPage.noShift": "Ei merkitsevää muutosta eNPS:ssä eikä NPS:ssä.",
  "teamsPage.ledFell":
    "eNPS laski {enpsMonth} alkaen ja NPS seurasi {npsMonth} alkaen: henkilöstökokemus edelsi {lead} kuukautta.",
  "teamsPage.ledRose":
    "eNPS nousi {enpsMonth} alkaen ja NPS seurasi {npsMonth} alkaen: henkilöstökokemus edelsi {lead} kuukautta.",
  "teamsPage.sameFell": "eNPS ja NPS laskivat samana kuukautena ({month}).",
  "teamsPage.sameRose": "eNPS ja NPS nousivat samana kuukautena ({month}).",
  "teamsPage.npsFirstFell": "NPS laski {npsMonth} alkaen, ennen eNPS:ää ({enpsMonth}).",
  "teamsPage.npsFirstRose": "NPS nousi {npsMonth} alkaen, ennen eNPS:ää ({enpsMonth}).",
  "teamsPage.onlyEnps":
    "eNPS muuttui {month} alkaen; NPS ei muuttunut merkitsevästi, joten edeltävyyttä ei voi päätellä.",
  "teamsPage.onlyNps":
    "NPS muuttui {month} alkaen; eNPS ei muuttunut merkitsevästi, joten edeltävyyttä ei voi päätellä.",
  "teamsPage.change": "{what}: {before} → {after} {month} alkaen",
  "teamsPage.suppressedTeam":
    "Piilotettu: tiimin muutokset perustuvat pienempään vastausmäärään kuin tietosuojaraja sallii näyttää.",
  "teamsPage.suppressedMonths":
    "{count} kuukautta piilotettu: vastauksia on vähemmän kuin tietosuojaraja sallii näyttää.",
  "teamsPage.exportWhat": "tiimikuukaudet",
};
