import type { CommentOnlyTheme, EncounterTheme, ThemeId } from "./themes.ts";

/** Customer language. Not a field of `Customer`, so the generator keeps it as a label. */
export type Language = "fi" | "en";

/**
 * Hand-written building blocks for one theme in one language. Strings may contain placeholders
 * ({invoice}, {amount}, {amount2}, {date}, {future}, {order}, {phone}, {email}, {wait}, {agent},
 * {customer}) that `fill` in template.ts replaces per encounter.
 */
export interface ThemeLines {
  /** Customer's first description of the issue, spoken register (phone, chat, visit). */
  problem: readonly string[];
  /** Extra detail the customer gives when the agent asks. */
  detail: readonly string[];
  /** Agent explains or does something about it. */
  action: readonly string[];
  /** Agent's closing statement when the issue is resolved. */
  fix: readonly string[];
  /** Agent's statement when it cannot be resolved in this contact. */
  pending: readonly string[];
  /** Body of a formal customer email (no greeting or signature). */
  email: readonly string[];
  /** Short phrasing typed to a bot or a web form. */
  short: readonly string[];
  /** Lines used instead of problem/email/short once an emerging issue (the app update) is live. */
  emerging?: { problem: readonly string[]; email: readonly string[]; short: readonly string[] };
}

export type ThemeBank = Record<EncounterTheme, ThemeLines>;

/** Theme-neutral conversation glue. */
export interface CommonLines {
  agentGreetingPhone: readonly string[];
  agentGreetingChat: readonly string[];
  agentGreetingVisit: readonly string[];
  customerHello: readonly string[];
  /** The caller introduces themselves ({fullname}, {customer}). */
  customerIntro: readonly string[];
  /** Context the customer gives before the problem ("Soitan vaimon puolesta."). */
  situation: readonly string[];
  /** A question tacked on after the problem ("Voitteko auttaa?"). */
  askSuffix: readonly string[];
  /** Spoken discourse markers prefixed to some customer turns ("Joo, ", "No ni, "). */
  fillers: readonly string[];
  agentAsk: readonly string[];
  waitComplaint: readonly string[];
  angry: readonly string[];
  calming: readonly string[];
  calmed: readonly string[];
  stillAngry: readonly string[];
  transfer: readonly string[];
  customerOk: readonly string[];
  customerDoubt: readonly string[];
  thanksGood: readonly string[];
  thanksBad: readonly string[];
  agentBye: readonly string[];
  botGreeting: readonly string[];
  botFallback: readonly string[];
  botAnswer: readonly string[];
  wantHuman: readonly string[];
  botHandoff: readonly string[];
  botSolved: readonly string[];
  autoReply: readonly string[];
  emailOpen: readonly string[];
  emailClose: readonly string[];
  emailAgentOpen: readonly string[];
  emailAgentClose: readonly string[];
  emailFollowUpGood: readonly string[];
  emailFollowUpBad: readonly string[];
  contactDetails: readonly string[];
}

/** Survey comment fragments by tone. */
export interface CommentLines {
  pos: readonly string[];
  neg: readonly string[];
}

export type CommentBank = Record<ThemeId, CommentLines> & {
  /** Lukewarm remarks for passives (7–8). */
  mixed: readonly string[];
  /** Remarks about a long queue, added when the encounter waited long. */
  longWait: readonly string[];
  /** Angry start, then calmed down and satisfied. */
  recovered: readonly string[];
};

export type { CommentOnlyTheme };

export interface LanguageBank {
  common: CommonLines;
  themes: ThemeBank;
  comments: CommentBank;
}
