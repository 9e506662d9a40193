import { z } from "zod";

/**
 * Closed-loop follow-up (issue 12): which records open a case, and how a case moves.
 * Pure data and predicates, here in domain/ because the store applies them inside the
 * transaction that writes a record's analysis facts, and store/ must not import workflows/.
 */

/** The rules a workspace can switch on. Each opens at most one case per source record. */
export const CASE_RULE_IDS = [
  "nps_detractor",
  "csat_low",
  "churn_words",
  "negative_encounter",
  "negative_theme",
  "repeat_contact",
] as const;
export type CaseRuleId = (typeof CASE_RULE_IDS)[number];

export const CASE_STATUSES = ["new", "contacted", "resolved", "no_action_needed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * Which status may follow which. A case is contacted before it is resolved, so the time of first
 * contact (the SLA's measure) is always known; "no action needed" closes it from either open state.
 * Closed cases are final: a new problem from the same customer comes with a new record.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ["contacted", "no_action_needed"],
  contacted: ["resolved", "no_action_needed"],
  resolved: [],
  no_action_needed: [],
};

export function canMoveCase(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ["new", "contacted"];

const ruleBase = {
  enabled: z.boolean(),
  /** Hours from the source record's time to the due date of the first contact. */
  slaHours: z
    .number()
    .int()
    .positive()
    .max(24 * 365),
  /**
   * Days before the write's time beyond which a record opens no case for this rule: an import of
   * last year's answers (or a re-analysis of old encounters) must not fill the queue with cases that
   * were due months ago. Default 30.
   */
  maxAgeDays: z.number().int().min(1).max(3650),
};

/** One workspace's rule settings; every rule is present (defaultCaseRules fills in the rest). */
export const CaseRulesSchema = z.object({
  nps_detractor: z.object({ ...ruleBase, maxScore: z.number().int().min(0).max(10) }).strict(),
  csat_low: z.object({ ...ruleBase, maxScore: z.number().int().min(1).max(5) }).strict(),
  churn_words: z.object({ ...ruleBase, phrases: z.array(z.string().trim().min(3)).min(1) }).strict(),
  /** An encounter whose customer tone (mean of their turns) is negative and that did not recover. */
  negative_encounter: z.object({ ...ruleBase }).strict(),
  /** An answer's comment or an encounter that names one of these themes (taxonomy ids) with negative polarity. */
  negative_theme: z.object({ ...ruleBase, themes: z.array(z.string().min(1)) }).strict(),
  /** An encounter of a customer who had another encounter in the `days` before it. */
  repeat_contact: z.object({ ...ruleBase, days: z.number().int().min(1).max(90) }).strict(),
});
export type CaseRules = z.infer<typeof CaseRulesSchema>;

/** A rule's default maxAgeDays: a month of history still opens cases, an older export does not. */
export const DEFAULT_MAX_AGE_DAYS = 30;

/** Default: only NPS 0–6 opens a case, due within two days; the others are there to switch on. */
export function defaultCaseRules(): CaseRules {
  return {
    nps_detractor: { enabled: true, slaHours: 48, maxAgeDays: DEFAULT_MAX_AGE_DAYS, maxScore: 6 },
    csat_low: { enabled: false, slaHours: 48, maxAgeDays: DEFAULT_MAX_AGE_DAYS, maxScore: 2 },
    churn_words: {
      enabled: false,
      slaHours: 24,
      maxAgeDays: DEFAULT_MAX_AGE_DAYS,
      phrases: ["lopetan asiakkuuden", "irtisanon sopimuksen", "cancel my contract"],
    },
    negative_encounter: { enabled: false, slaHours: 72, maxAgeDays: DEFAULT_MAX_AGE_DAYS },
    negative_theme: {
      enabled: false,
      slaHours: 72,
      maxAgeDays: DEFAULT_MAX_AGE_DAYS,
      themes: ["contract_cancellation", "complaint_handling"],
    },
    repeat_contact: { enabled: false, slaHours: 48, maxAgeDays: DEFAULT_MAX_AGE_DAYS, days: 7 },
  };
}

/** Partial settings (e.g. from KOHTAAMO_CASE_RULES) merged over the defaults, rule by rule. */
export const CaseRulesOverride = z
  .object({
    nps_detractor: CaseRulesSchema.shape.nps_detractor.partial().optional(),
    csat_low: CaseRulesSchema.shape.csat_low.partial().optional(),
    churn_words: CaseRulesSchema.shape.churn_words.partial().optional(),
    negative_encounter: CaseRulesSchema.shape.negative_encounter.partial().optional(),
    negative_theme: CaseRulesSchema.shape.negative_theme.partial().optional(),
    repeat_contact: CaseRulesSchema.shape.repeat_contact.partial().optional(),
  })
  .strict();

export function caseRulesWith(override: unknown): CaseRules {
  const parsed: Partial<Record<CaseRuleId, object>> = CaseRulesOverride.parse(override);
  const defaults = defaultCaseRules();
  const merged = Object.fromEntries(
    CASE_RULE_IDS.map((id) => [id, { ...defaults[id], ...(parsed[id] ?? {}) }]),
  );
  return CaseRulesSchema.parse(merged);
}

/** What the rules look at of one survey answer (facts as stored, comment already redacted). */
export interface AnswerForRules {
  kind: string;
  score: number;
  comment: string | null;
  /** Stored theme codes of the comment's latest analysis ("billing:-1 waiting:0"); null without. */
  theme_codes?: string | null;
}

/** What the rules look at of one encounter: its stored facts and its customer's turns. */
export interface EncounterForRules {
  toneLabel: string | null;
  trajectory: string | null;
  customerTexts: readonly string[];
  themeCodes?: string | null;
  /** Whether the same customer had another encounter within the repeat_contact rule's days before it. */
  repeatContact?: boolean;
}

/** Lower case, NFC, whitespace collapsed: "Lopetan  ASIAKKUUDEN" matches "lopetan asiakkuuden". */
function folded(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("fi").replace(/\s+/g, " ");
}

/** Whether theme codes ("billing:-1 waiting:0") name one of the rule's themes with polarity −1. */
function negativeTheme(rules: CaseRules, codes: string | null | undefined): boolean {
  if (!codes) return false;
  const negative = new Set(
    codes
      .split(" ")
      .filter((c) => c.endsWith(":-1"))
      .map((c) => c.slice(0, -3)),
  );
  return rules.negative_theme.themes.some((t) => negative.has(t));
}

function mentionsChurn(rules: CaseRules, texts: readonly (string | null)[]): boolean {
  const phrases = rules.churn_words.phrases.map(folded);
  return texts.some((t) => t !== null && phrases.some((p) => folded(t).includes(p)));
}

/** The enabled rules an answer meets, in CASE_RULE_IDS order. Example: NPS 3 → ["nps_detractor"]. */
export function answerCaseRules(rules: CaseRules, answer: AnswerForRules): CaseRuleId[] {
  const hits: CaseRuleId[] = [];
  if (rules.nps_detractor.enabled && answer.kind === "nps" && answer.score <= rules.nps_detractor.maxScore) {
    hits.push("nps_detractor");
  }
  if (rules.csat_low.enabled && answer.kind === "csat" && answer.score <= rules.csat_low.maxScore) {
    hits.push("csat_low");
  }
  if (rules.churn_words.enabled && mentionsChurn(rules, [answer.comment])) hits.push("churn_words");
  if (rules.negative_theme.enabled && negativeTheme(rules, answer.theme_codes)) hits.push("negative_theme");
  return hits;
}

/** The enabled rules an encounter meets. */
export function encounterCaseRules(rules: CaseRules, encounter: EncounterForRules): CaseRuleId[] {
  const hits: CaseRuleId[] = [];
  if (rules.churn_words.enabled && mentionsChurn(rules, encounter.customerTexts)) hits.push("churn_words");
  if (
    rules.negative_encounter.enabled &&
    encounter.toneLabel === "negative" &&
    encounter.trajectory !== "recovered"
  ) {
    hits.push("negative_encounter");
  }
  if (rules.negative_theme.enabled && negativeTheme(rules, encounter.themeCodes)) hits.push("negative_theme");
  if (rules.repeat_contact.enabled && encounter.repeatContact) hits.push("repeat_contact");
  return hits;
}

/** The due date of a case: the source record's time plus the rule's SLA. */
export function caseDueAt(rules: CaseRules, rule: CaseRuleId, recordAt: string): string {
  return new Date(Date.parse(recordAt) + rules[rule].slaHours * 3_600_000).toISOString();
}

/**
 * The earliest record time (ISO) for which `rule` still opens a case when the write happens at
 * `now`: a record more than maxAgeDays before `now` opens none (exactly maxAgeDays before still
 * does). Null when the rule has no age limit (withoutCaseAgeLimit).
 */
export function caseCutoff(rules: CaseRules, rule: CaseRuleId, now: string): string | null {
  const days = rules[rule].maxAgeDays;
  if (!Number.isFinite(days)) return null;
  return new Date(Date.parse(now) - days * 86_400_000).toISOString();
}

/** Whether a record of time `recordAt` (ISO) is too old for `rule` to open a case at `now`. */
export function tooOldForCase(rules: CaseRules, rule: CaseRuleId, recordAt: string, now: string): boolean {
  return isBeforeCutoff(recordAt, caseCutoff(rules, rule, now));
}

/**
 * Whether the record time `at` (ISO 8601) is before `cutoff` (caseCutoff's form; null: no limit, so
 * never). A time in the same form (what an import stores: 2025-03-04T10:15:00.000Z) compares as
 * text, so an import batch parses none of its 10,000 times; any other form is parsed.
 */
export function isBeforeCutoff(at: string, cutoff: string | null): boolean {
  if (cutoff === null) return false;
  if (at.length === 24 && at.charCodeAt(23) === 90 /* Z */ && at.charCodeAt(10) === 84 /* T */)
    return at < cutoff;
  return Date.parse(at) < Date.parse(cutoff);
}

/**
 * The same rules with no age limit, for a snapshot whose calendar is fixed (the demo workspace):
 * its records are as old as its calendar makes them, and its cases are part of what it shows.
 * Not expressible in KOHTAAMO_CASE_RULES (maxAgeDays is at most 3650 there).
 */
export function withoutCaseAgeLimit(rules: CaseRules): CaseRules {
  return Object.fromEntries(
    CASE_RULE_IDS.map((id) => [id, { ...rules[id], maxAgeDays: Number.POSITIVE_INFINITY }]),
  ) as CaseRules;
}
