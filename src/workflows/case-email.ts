import type { CaseRuleId } from "../domain/case-rules.ts";
import type { NotificationPayload } from "../domain/notification-events.ts";

export type MailLanguage = "fi" | "en";
export const MAIL_LANGUAGES = ["fi", "en"] as const satisfies readonly MailLanguage[];

export interface MailContent {
  subject: string;
  text: string;
}

const RULES: Record<CaseRuleId, Record<MailLanguage, string>> = {
  nps_detractor: { fi: "NPS-arvio 0–6", en: "NPS score 0–6" },
  csat_low: { fi: "CSAT-arvio 1–2", en: "CSAT score 1–2" },
  churn_words: { fi: "lopettamisaikeet", en: "churn words" },
  negative_encounter: { fi: "kielteiseksi jäänyt kohtaaminen", en: "an encounter that ended negative" },
  negative_theme: { fi: "kielteinen teema", en: "a negative theme" },
  repeat_contact: { fi: "toistuva yhteydenotto", en: "a repeat contact" },
};

const TEXT = {
  fi: {
    subject: (team: string, rule: string) => `Uusi seurantatapaus: ${team} – ${rule}`,
    givenSubject: (team: string, rule: string) => `Sinulle annettiin seurantatapaus: ${team} – ${rule}`,
    intro: "Sinulle on avattu uusi seurantatapaus.",
    givenIntro: "Sinulle annettiin seurantatapaus hoidettavaksi.",
    team: "Tiimi",
    rule: "Sääntö",
    due: "Ota yhteyttä viimeistään",
    open: "Avaa tapaus",
    noTeam: "(ei tiimiä)",
    footer: "Tämä viesti ei sisällä asiakkaan palautetta: lue se Kohtaamosta.",
  },
  en: {
    subject: (team: string, rule: string) => `New follow-up case: ${team} – ${rule}`,
    givenSubject: (team: string, rule: string) => `A follow-up case was given to you: ${team} – ${rule}`,
    intro: "A new follow-up case was opened for you.",
    givenIntro: "A follow-up case was given to you to handle.",
    team: "Team",
    rule: "Rule",
    due: "Contact the customer by",
    open: "Open the case",
    noTeam: "(no team)",
    footer: "This message carries no customer feedback: read it in Kohtaamo.",
  },
} as const;

/**
 * The short e-mail a case's owner gets when the case is opened (or, `given`, when someone gives it
 * to them), in their language: team, rule,
 * due date (in the workspace's time zone) and a link. Never the customer's text or identity.
 * Example (en): subject "New follow-up case: Asiakaspalvelu Tampere – NPS score 0–6".
 */
export function caseOpenedEmail(
  payload: NotificationPayload<"case.opened">,
  options: { language: MailLanguage; timeZone: string; link: string; given?: boolean },
): MailContent {
  const t = TEXT[options.language];
  const team = payload.team ?? t.noTeam;
  const rule = RULES[payload.rule][options.language];
  const due = new Intl.DateTimeFormat(options.language === "fi" ? "fi-FI" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: options.timeZone,
  }).format(new Date(payload.due_at));
  return {
    subject: options.given ? t.givenSubject(team, rule) : t.subject(team, rule),
    text: [
      options.given ? t.givenIntro : t.intro,
      "",
      `${t.team}: ${team}`,
      `${t.rule}: ${rule}`,
      `${t.due}: ${due} (${options.timeZone})`,
      "",
      `${t.open}: ${options.link}`,
      "",
      t.footer,
      "",
    ].join("\n"),
  };
}
