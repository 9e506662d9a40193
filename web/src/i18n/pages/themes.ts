/** The themes texts of the dashboard; merged into en.ts and fi.ts (dictionaries.test.ts checks both). */
export const themesEn = {
  "themes.impactNote":
    "NPS impact: NPS of all answers minus NPS of the answers without the theme. Below zero, the theme pulls NPS down.",
  "themes.editTaxonomy": "Edit the taxonomy",
  "themes.tableTitle": "Themes",
  "themes.tableCaption": "Themes with their volume, share, tone and NPS impact",
  "themes.basis": "{encounters} analysed encounters · {answers} NPS answers · NPS of all answers {nps}",
  "themes.exportWhat": "the themes table",
  "themes.share": "Share",
  "themes.tone": "Tone",
  "themes.toneMix": "{negative} % negative · {neutral} % neutral · {positive} % positive",
  "themes.emergingSince": "emerging since {month}",
  "themes.chartTitle": "NPS impact per theme",
  "themes.chartIntro":
    "Each bar is the theme's impact on NPS, the line across it its 95% interval. Coloured bars are significant: red pulls NPS down, green lifts it.",
  "themes.chartSummary": "NPS impact per theme, with the 95% interval: {themes}",
  "themes.fewAnswers": "few answers (n = {n})",
  "themes.fewAnswersLong":
    "Survey answers that mention this theme: {n}. Too few to tell its NPS impact from noise: read it with care.",
  "themes.chartFewAnswers": "Lighter (dashed) bars rest on fewer than {n} answers: read them with care.",
  "themes.chartNoAnswers": "Not in the chart, as no survey answer mentions them (no NPS impact): {themes}",
  "themes.allThemes": "All themes",
  "themes.notFoundTitle": "Theme not found",
  "themes.notFound": "There is no theme “{id}” in the taxonomy.",
  "themes.openEncounters": "Show its encounters",
  "themes.figures": "Key figures",
  "themes.intervalValue": "95% interval {low} … {high}",
  "themes.npsOfTheme": "NPS of the answers that mention it",
  "themes.npsAll": "NPS of all answers {nps}",
  "themes.shareOf": "{share} % of {total} analysed encounters",
  "themes.emergingDetail":
    "Emerging since {month}: {share} % of the month's encounters mention it, against {baseline} % before (adjusted p = {p}).",
  "themes.trendTitle": "Month by month",
  "themes.trendIntro":
    "Encounters that mention the theme each month, and their share of the month's analysed encounters.",
  "themes.trendHistory": "The whole history is shown, the chosen period shaded.",
  "themes.trendSummary": "The theme by month, encounters and share: {months}",
  "themes.trendAsTable": "Show the months as a table",
  "themes.month": "Month",
  "themes.viewerNote":
    "Your role sees the figures only: the encounters and comments behind them are not open to it.",
  "themes.commentsTitle": "Survey comments",
  "themes.commentsNote":
    "Comments in which the analysis found this theme, newest first. The sentences that mention it are highlighted; when only the comment as a whole carries the theme, nothing is.",
  "themes.polarity": "Tone of the mention",
  "themes.noComments": "No survey comments mention this theme with these filters.",
  "themes.commentsShown": "{count} comments shown",
  "themes.moreComments": "Show more comments",
  "themes.commentsExportWhat": "the comments on this theme",
  "themes.commentThemes": "Themes of the comment",
  "themes.thisTheme": "this theme",
  "themes.hiddenRow": "Hidden: below the privacy floor",
  "themes.latestEncounters": "Latest encounters",
  "themes.noEncounters": "No encounters mention this theme with these filters.",
  "themes.agentNote":
    "The organisation's themes are not open to the agent role. Your own encounters and their themes are under Encounters.",
} as const;

export const themesFi: Record<keyof typeof themesEn, string> = {
  "themes.impactNote":
    "Vaikutus NPS:ään: kaikkien vastausten NPS miinus niiden vastausten NPS, joissa teemaa ei ole. Nollan alapuolella teema painaa NPS:ää alas.",
  "themes.editTaxonomy": "Muokkaa teemaluokitusta",
  "themes.tableTitle": "Teemat",
  "themes.tableCaption": "Teemat, niiden määrä, osuus, sävy ja vaikutus NPS:ään",
  "themes.basis":
    "{encounters} analysoitua kohtaamista · {answers} NPS-vastausta · kaikkien vastausten NPS {nps}",
  "themes.exportWhat": "teemataulukko",
  "themes.share": "Osuus",
  "themes.tone": "Sävy",
  "themes.toneMix": "{negative} % kielteisiä · {neutral} % neutraaleja · {positive} % myönteisiä",
  "themes.emergingSince": "nouseva {month} alkaen",
  "themes.chartTitle": "Teemojen vaikutus NPS:ään",
  "themes.chartIntro":
    "Palkki on teeman vaikutus NPS:ään ja sen poikki kulkeva viiva 95 %:n luottamusväli. Värilliset palkit ovat merkitseviä: punainen laskee NPS:ää, vihreä nostaa.",
  "themes.chartSummary": "Teemojen vaikutus NPS:ään 95 %:n luottamusväleineen: {themes}",
  "themes.fewAnswers": "vähän vastauksia (n = {n})",
  "themes.fewAnswersLong":
    "Teeman mainitsevia kyselyvastauksia: {n}. Liian vähän, jotta vaikutuksen NPS:ään erottaisi sattumasta: tulkitse varoen.",
  "themes.chartFewAnswers":
    "Vaaleammat (katkoviivaiset) palkit perustuvat alle {n} vastaukseen: tulkitse niitä varoen.",
  "themes.chartNoAnswers":
    "Kaaviosta puuttuvat, koska yksikään kyselyvastaus ei mainitse niitä (ei vaikutusta NPS:ään): {themes}",
  "themes.allThemes": "Kaikki teemat",
  "themes.notFoundTitle": "Teemaa ei löydy",
  "themes.notFound": "Teemaluokituksessa ei ole teemaa ”{id}”.",
  "themes.openEncounters": "Näytä sen kohtaamiset",
  "themes.figures": "Tunnusluvut",
  "themes.intervalValue": "95 %:n luottamusväli {low} … {high}",
  "themes.npsOfTheme": "NPS vastauksissa, joissa teema mainitaan",
  "themes.npsAll": "Kaikkien vastausten NPS {nps}",
  "themes.shareOf": "{share} % kaikista {total} analysoidusta kohtaamisesta",
  "themes.emergingDetail":
    "Nouseva {month} alkaen: {share} % kuukauden kohtaamisista mainitsee sen, aiemmin {baseline} % (korjattu p = {p}).",
  "themes.trendTitle": "Kuukausittain",
  "themes.trendIntro":
    "Teeman mainitsevat kohtaamiset kuukausittain ja niiden osuus kuukauden analysoiduista kohtaamisista.",
  "themes.trendHistory": "Kuvassa on koko historia, valittu jakso varjostettuna.",
  "themes.trendSummary": "Teema kuukausittain, kohtaamiset ja osuus: {months}",
  "themes.trendAsTable": "Näytä kuukaudet taulukkona",
  "themes.month": "Kuukausi",
  "themes.viewerNote":
    "Roolisi näkee vain luvut: niiden taustalla olevat kohtaamiset ja kommentit eivät ole sille avoinna.",
  "themes.commentsTitle": "Kyselyjen kommentit",
  "themes.commentsNote":
    "Kommentit, joista analyysi löysi tämän teeman, uusimmat ensin. Teeman mainitsevat virkkeet on korostettu; jos teema löytyy vain kommentista kokonaisuutena, korostusta ei ole.",
  "themes.polarity": "Maininnan sävy",
  "themes.noComments": "Mikään kyselyn kommentti ei mainitse tätä teemaa näillä suodattimilla.",
  "themes.commentsShown": "{count} kommenttia näkyvissä",
  "themes.moreComments": "Näytä lisää kommentteja",
  "themes.commentsExportWhat": "tämän teeman kommentit",
  "themes.commentThemes": "Kommentin teemat",
  "themes.thisTheme": "tämä teema",
  "themes.hiddenRow": "Piilotettu: alle tietosuojarajan",
  "themes.latestEncounters": "Uusimmat kohtaamiset",
  "themes.noEncounters": "Mikään kohtaaminen ei mainitse tätä teemaa näillä suodattimilla.",
  "themes.agentNote":
    "Organisaation teemat eivät ole asiakaspalvelijan roolille avoinna. Omat kohtaamisesi ja niiden teemat löytyvät kohdasta Kohtaamiset.",
};
