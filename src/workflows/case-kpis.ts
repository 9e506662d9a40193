import { DateTime } from "luxon";
import { npsEstimate, SMALL_SAMPLE } from "../stats/nps-estimate.ts";
import { proportionEstimate } from "../stats/proportion-estimate.ts";
import type { CaseKpiRow, CustomerAnswer } from "../store/case-kpi-repository.ts";
import type { ListFilter, Store } from "../store/index.ts";
import type { CaseKpiBlock, CaseKpis, FollowUpNps } from "./case-kpis-schema.ts";

export { CaseKpis } from "./case-kpis-schema.ts";

/**
 * The closed loop's KPIs (issue 12), per team and month of the source record's time:
 *
 * - action rate: of detractor cases (rule nps_detractor), the share contacted at or before the due
 *   date. A case not contacted and not yet due (now ≤ due date) is pending: neither a success nor a
 *   failure, left out of the denominator and counted apart. A case closed without a contact, or
 *   still uncontacted once the due date has passed, is a failure.
 * - time to first contact / to close: hours from the source record's time (the SLA's start) to the
 *   first contact / the closing, over the cases that have one (any rule); median and p90 (type 7).
 * - measurement without action: of the decided cases of any rule, the share that led to nothing —
 *   closed as no_action_needed, or still new after the due date. Pending cases are left out.
 * - follow-up NPS: for detractor cases on an answer, the customer's next NPS answer (same customer,
 *   later in time, any team); followed up when the case was contacted before that answer.
 *   Observational: the customers contacted differ from the others in ways the data does not show.
 */

const ms = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Type 7 quantile (linear interpolation at h = (N − 1)·q) of sorted values; NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

function duration(hours: number[]): CaseKpiBlock["time_to_first_contact"] {
  const sorted = [...hours].sort((a, b) => a - b);
  return {
    median_hours: round(quantile(sorted, 0.5)),
    p90_hours: round(quantile(sorted, 0.9)),
    n: sorted.length,
  };
}

function shareOf(successes: number, n: number) {
  const e = proportionEstimate(successes, n);
  return {
    ...e,
    ...(n < SMALL_SAMPLE
      ? { warning: `only ${n} decided ${n === 1 ? "case" : "cases"}: too few to compare` }
      : {}),
  };
}

/** Not contacted, not closed and not yet due: the SLA can still be met. Exactly at the due time it still can. */
function pending(c: CaseKpiRow, now: number): boolean {
  return c.contacted_at === null && c.closed_at === null && now <= ms(c.due_at);
}

/** The KPI block of a set of cases at the instant `now` (ISO). */
export function kpiBlock(cases: readonly CaseKpiRow[], now: string): CaseKpiBlock {
  const t = ms(now);
  const detractors = cases.filter((c) => c.rule === "nps_detractor");
  let inTime = 0;
  let missed = 0;
  let waiting = 0;
  for (const c of detractors) {
    if (pending(c, t)) waiting++;
    else if (c.contacted_at !== null && ms(c.contacted_at) <= ms(c.due_at)) inTime++;
    else missed++;
  }
  let nothing = 0;
  let undecided = 0;
  for (const c of cases) {
    if (pending(c, t)) undecided++;
    else if (c.status === "no_action_needed" || (c.status === "new" && c.contacted_at === null)) nothing++;
  }
  const hoursTo = (at: string | null, c: CaseKpiRow) =>
    at === null ? [] : [(ms(at) - ms(c.record_at)) / HOUR];
  return {
    cases: cases.length,
    action_rate: {
      ...shareOf(inTime, inTime + missed),
      contacted_in_time: inTime,
      missed,
      pending: waiting,
    },
    time_to_first_contact: duration(cases.flatMap((c) => hoursTo(c.contacted_at, c))),
    time_to_close: duration(cases.flatMap((c) => hoursTo(c.closed_at, c))),
    without_action: {
      ...shareOf(nothing, cases.length - undecided),
      nothing,
      pending: undecided,
    },
  };
}

export const FOLLOW_UP_CAVEAT = {
  id: "cases.kpis.follow_up_nps.observational",
  text: {
    en: "Observational, not causal: customers who were contacted may differ from the others (reachability, severity, team), and only those who answered again are counted.",
    fi: "Havainnoiva vertailu, ei syy-seuraus: yhteydenoton saaneet asiakkaat voivat erota muista (tavoitettavuus, ongelman vakavuus, tiimi), ja mukana ovat vain uudelleen vastanneet.",
  },
};

/** NPS of the next answers after detractor cases, contacted (before that answer) or not. */
export function followUpNps(cases: readonly CaseKpiRow[], answers: readonly CustomerAnswer[]): FollowUpNps {
  const byCustomer = new Map<string, CustomerAnswer[]>();
  for (const a of answers) byCustomer.set(a.customer_id, [...(byCustomer.get(a.customer_id) ?? []), a]);
  const followed = new Array(11).fill(0) as number[];
  const not = new Array(11).fill(0) as number[];
  let none = 0;
  for (const c of cases) {
    if (c.rule !== "nps_detractor" || c.source_kind !== "response" || !c.customer_id) continue;
    const own = byCustomer.get(c.customer_id) ?? [];
    // Answers are oldest first; the next one is the first strictly later than the detractor answer.
    const next = own.find((a) => ms(a.answered_at) > ms(c.record_at));
    if (!next) {
      none++;
      continue;
    }
    const contacted = c.contacted_at !== null && ms(c.contacted_at) <= ms(next.answered_at);
    const counts = contacted ? followed : not;
    const score = Math.max(0, Math.min(10, Math.round(next.score)));
    counts[score] = (counts[score] ?? 0) + 1;
  }
  return {
    followed_up: npsEstimate(followed),
    not_followed_up: npsEstimate(not),
    without_next_answer: none,
    caveat: FOLLOW_UP_CAVEAT,
  };
}

export const CASE_KPI_DEFINITIONS = {
  period:
    "a case belongs to the month (workspace time zone) of its source record: the answer's time, or the encounter's end",
  action_rate:
    "detractor cases (nps_detractor) contacted at or before their due date, % of those decided; a case not contacted and not yet due is pending and left out; Wilson 95% interval",
  time_to_first_contact:
    "hours from the source record's time to the first contact, cases of any rule that were contacted; median and p90",
  time_to_close:
    "hours from the source record's time to closing (resolved or no_action_needed); median and p90",
  without_action:
    "cases of any rule that led to nothing (closed as no_action_needed, or not contacted after the due date), % of those decided; Wilson 95% interval",
  follow_up_nps:
    "NPS of the detractors' next NPS answer (same customer, later, any team), contacted before that answer vs not; observational",
};

/** Cases of the filter's teams and period; `now` (ISO) decides what is past due. */
export async function caseKpis(
  store: Store,
  filter: ListFilter,
  options: { timeZone: string; now: string },
): Promise<CaseKpis> {
  const cases = await store.caseKpis.rows(filter);
  const detractorCustomers = cases
    .filter((c) => c.rule === "nps_detractor" && c.source_kind === "response" && c.customer_id)
    .map((c) => c.customer_id as string);
  const answers = await store.caseKpis.npsAnswersOf(detractorCustomers);
  const monthOf = (c: CaseKpiRow) =>
    DateTime.fromISO(c.record_at, { zone: "utc" }).setZone(options.timeZone).toFormat("yyyy-MM");
  const groups = <K extends string | null>(key: (c: CaseKpiRow) => K) => {
    const map = new Map<K, CaseKpiRow[]>();
    for (const c of cases) map.set(key(c), [...(map.get(key(c)) ?? []), c]);
    return [...map.entries()].sort(([a], [b]) => String(a ?? "").localeCompare(String(b ?? "")));
  };
  return {
    from: filter.from ?? null,
    to: filter.to ?? null,
    team: filter.team ?? null,
    definitions: CASE_KPI_DEFINITIONS,
    ...kpiBlock(cases, options.now),
    teams: groups((c) => c.team).map(([team, rows]) => ({ team, ...kpiBlock(rows, options.now) })),
    months: groups(monthOf).map(([month, rows]) => ({ month, ...kpiBlock(rows, options.now) })),
    follow_up_nps: followUpNps(cases, answers),
  };
}

/**
 * As managers see it: the case counts and shares are of cases they handle one by one anyway, but
 * the next answers may come from other teams, so an NPS group below the privacy floor is hidden.
 */
export function suppressCaseKpis(kpis: CaseKpis, minGroup: number): CaseKpis {
  const hide = <T extends { n: number }>(e: T | { suppressed: true }) =>
    "n" in e && e.n > 0 && e.n < minGroup ? { suppressed: true as const } : e;
  return {
    ...kpis,
    follow_up_nps: {
      ...kpis.follow_up_nps,
      followed_up: hide(kpis.follow_up_nps.followed_up),
      not_followed_up: hide(kpis.follow_up_nps.not_followed_up),
    },
  };
}
