/**
 * The export texts of the dashboard, the printable management report and the names of the known
 * channels; merged into en.ts and fi.ts (dictionaries.test.ts checks both).
 */
export const exportsEn = {
  "export.label": "Export",
  "export.as": "Export {what} as {format}",
  "export.encounterList": "the encounter list",

  "channel.phone": "Phone",
  "channel.chat": "Chat",
  "channel.email": "Email",
  "channel.bot": "Chatbot",
  "channel.self_service": "Self-service",
  "channel.visit": "Visit",
  "channel.social": "Social media",

  "report.title": "Management report",
  "report.open": "Printable report",
  "report.print": "Print",
  "report.back": "Back to the overview",
  "report.intro":
    "The key figures with their 95% intervals, the themes that move NPS most and the top drivers, for the filters below.",
  "report.scope": "Period: {period} · Team: {team} · Channel: {channel}",
  "report.allPeriod": "all time",
  "report.all": "all",
  "report.generated": "Generated {date} by Kohtaamo",
  "report.figures": "Key figures",
  "report.agentNote":
    "The management report shows the organisation's figures, which the agent role does not see.",
  "report.themesTable": "the themes table",
  "report.driversTable": "the drivers table",
} as const;

export const exportsFi: Record<keyof typeof exportsEn, string> = {
  "export.label": "Vie",
  "export.as": "Vie {what} muodossa {format}",
  "export.encounterList": "kohtaamislista",

  "channel.phone": "Puhelin",
  "channel.chat": "Chat",
  "channel.email": "Sähköposti",
  "channel.bot": "Chatbotti",
  "channel.self_service": "Omapalvelu",
  "channel.visit": "Käynti",
  "channel.social": "Sosiaalinen media",

  "report.title": "Johdon raportti",
  "report.open": "Tulostettava raportti",
  "report.print": "Tulosta",
  "report.back": "Takaisin yleiskuvaan",
  "report.intro":
    "Tunnusluvut 95 %:n luottamusväleineen, NPS:ään eniten vaikuttavat teemat ja tärkeimmät ajurit alla olevilla rajauksilla.",
  "report.scope": "Aikaväli: {period} · Tiimi: {team} · Kanava: {channel}",
  "report.allPeriod": "koko historia",
  "report.all": "kaikki",
  "report.generated": "Luotu {date} Kohtaamolla",
  "report.figures": "Tunnusluvut",
  "report.agentNote":
    "Johdon raportti näyttää organisaation tunnusluvut, jotka eivät näy asiakaspalvelijan roolille.",
  "report.themesTable": "teemataulukko",
  "report.driversTable": "ajuritaulukko",
};
