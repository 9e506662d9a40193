/** The drivers texts of the dashboard; merged into en.ts and fi.ts (dictionaries.test.ts checks both). */
export const driversEn = {
  "driversPage.agentNote":
    "The organisation's drivers are not open to the agent role. Your own encounters are under Encounters.",
  "driversPage.intro":
    "What moves the NPS answers (0–10): each driver's share of the explained variation, with its 95% interval, against how often the driver is in a good state.",
  "driversPage.model": "Together the drivers explain {r2} % of the variation in {n} NPS answers.",
  "driversPage.target": "Performance target (%)",
  "driversPage.fewAnswers": "Only {n} answers: the weights are unstable below 100. Read them with care.",
  "driversPage.notEnough": "Not enough answers with themes or operational data to estimate the drivers.",
  "driversPage.quadrantTitle": "Importance × performance",
  "driversPage.quadrantIntro":
    "Up and to the left: important and performing poorly — fix these first. The dashed lines are the performance target ({target} %) and the mean share of importance ({mean} %).",
  "driversPage.axisPerformance": "Performance (% in a good state)",
  "driversPage.axisImportance": "Importance (% of explained)",
  "driversPage.targetLine": "Target {value} %",
  "driversPage.meanLine": "Mean {value} %",
  "driversPage.chartSummary":
    "Quadrant chart of {count} drivers: performance across, importance up. Target {target} %, mean share {mean} %. {quadrants}",
  "driversPage.noPerformance": "Without a performance figure: {drivers}.",
  "driversPage.tableTitle": "All drivers",
  "driversPage.driver": "Driver",
  "driversPage.importance": "Importance (R²)",
  "driversPage.interval": "95% interval",
  "driversPage.share": "Share",
  "driversPage.performance": "Performance",
  "driversPage.quadrant": "Quadrant",
  "driversPage.answers": "n",
  "driversPage.encounters": "Encounters",
  "driversPage.showEncounters": "Show",
  "driversPage.encountersOf": "Encounters about {theme}",
  "driversPage.noFilter": "no matching encounter filter",
  "driversPage.performanceNote":
    "Performance: for a theme, the % of its mentions that are not negative; wait time, the % who waited 5 minutes or less; transfers, the % not transferred; repeat contact, the % of first contacts; resolved, the % resolved.",
  "driversPage.crossCheck":
    "Cross-check: the Shapley values of the {count} most important drivers differ from their relative weights by at most {difference} percentage points of R².",
  "driversPage.areasTitle": "By area",
  "driversPage.areasIntro": "A theme together with its operational measure: the importances add up.",
  "driversPage.areasTop": "The {shown} most important of {count} areas.",
  "driversPage.groupsTitle": "By theme group",
  "driversPage.area": "Area",
  "driversPage.group": "Group",
  "driversPage.includes": "Drivers",
  "driversPage.exportWhat": "the drivers table",
} as const;

export const driversFi: Record<keyof typeof driversEn, string> = {
  "driversPage.agentNote":
    "Organisaation ajurit eivät näy asiakaspalvelijan roolille. Omat kohtaamisesi löytyvät Kohtaamiset-sivulta.",
  "driversPage.intro":
    "Mikä selittää NPS-vastauksia (0–10): kunkin ajurin osuus selitetystä vaihtelusta 95 %:n luottamusväleineen sekä se, kuinka usein ajuri on hyvässä kunnossa.",
  "driversPage.model": "Ajurit selittävät yhdessä {r2} % {n} NPS-vastauksen vaihtelusta.",
  "driversPage.target": "Suoritustavoite (%)",
  "driversPage.fewAnswers":
    "Vain {n} vastausta: painot ovat epävakaita alle sadan vastauksen aineistossa. Tulkitse varoen.",
  "driversPage.notEnough":
    "Teemoja tai toiminnan tietoja sisältäviä vastauksia on liian vähän ajurien arvioimiseen.",
  "driversPage.quadrantTitle": "Tärkeys × suoriutuminen",
  "driversPage.quadrantIntro":
    "Ylhäällä vasemmalla: tärkeä ja heikosti hoidettu – korjaa nämä ensin. Katkoviivat ovat suoritustavoite ({target} %) ja tärkeyden keskimääräinen osuus ({mean} %).",
  "driversPage.axisPerformance": "Suoriutuminen (% hyvässä kunnossa)",
  "driversPage.axisImportance": "Tärkeys (% selitetystä)",
  "driversPage.targetLine": "Tavoite {value} %",
  "driversPage.meanLine": "Keskiarvo {value} %",
  "driversPage.chartSummary":
    "Nelikenttä, jossa {count} ajuria: suoriutuminen vaakasuunnassa, tärkeys pystysuunnassa. Tavoite {target} %, keskimääräinen osuus {mean} %. {quadrants}",
  "driversPage.noPerformance": "Ilman suoriutumislukua: {drivers}.",
  "driversPage.tableTitle": "Kaikki ajurit",
  "driversPage.driver": "Ajuri",
  "driversPage.importance": "Tärkeys (R²)",
  "driversPage.interval": "95 %:n luottamusväli",
  "driversPage.share": "Osuus",
  "driversPage.performance": "Suoriutuminen",
  "driversPage.quadrant": "Nelikenttä",
  "driversPage.answers": "n",
  "driversPage.encounters": "Kohtaamiset",
  "driversPage.showEncounters": "Näytä",
  "driversPage.encountersOf": "Kohtaamiset aiheesta {theme}",
  "driversPage.noFilter": "ei sopivaa kohtaamissuodatinta",
  "driversPage.performanceNote":
    "Suoriutuminen: teemalle niiden mainintojen osuus, jotka eivät ole kielteisiä; odotusajalle enintään 5 minuuttia odottaneiden osuus; siirroille siirtämättä hoidettujen osuus; uusintayhteydenotoille ensimmäisten yhteydenottojen osuus; ratkaisulle ratkaistujen osuus.",
  "driversPage.crossCheck":
    "Tarkistus: {count} tärkeimmän ajurin Shapley-arvot poikkeavat suhteellisista painoista enintään {difference} R²:n prosenttiyksikköä.",
  "driversPage.areasTitle": "Alueittain",
  "driversPage.areasIntro": "Teema ja sen toiminnallinen mittari yhdessä: tärkeydet lasketaan yhteen.",
  "driversPage.areasTop": "{count} alueesta {shown} tärkeintä.",
  "driversPage.groupsTitle": "Teemaryhmittäin",
  "driversPage.area": "Alue",
  "driversPage.group": "Ryhmä",
  "driversPage.includes": "Ajurit",
  "driversPage.exportWhat": "ajuritaulukko",
};
