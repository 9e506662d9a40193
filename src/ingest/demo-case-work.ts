import { continueHash, FNV_OFFSET } from "../analysis/model/feature-hashing.ts";
import { Rng } from "../demo/prng.ts";
import type { CaseView } from "../store/case-repository.ts";
import { parseThemeCodes, type Store } from "../store/index.ts";

const HOUR = 3_600_000;
/** Cases due in the last two weeks of the demo's data are still being worked: fewer of them are closed. */
const RECENT_DAYS = 14;

/** What a team lead wrote when closing a case (demo only; both languages, as the demo's scorecard). */
const OUTCOMES = [
  "Soitin asiakkaalle ja korjasimme laskun. / Called the customer; the invoice was corrected.",
  "Hyvitys tehty ja pahoiteltu viivettä. / Refund made; apologised for the delay.",
  "Selvitin asian ja kerroin asiakkaalle jatkon. / Looked into it and told the customer what happens next.",
  "Asiakas sai maksuajan jatkoa. / The customer was given more time to pay.",
  "Ohjasin asian tekniselle tuelle, joka ratkaisi sen. / Passed it to technical support, who solved it.",
  "Asiakas ei vastannut kahteen soittoon; lähetin viestin. / No answer to two calls; sent a message.",
] as const;

export interface DemoCaseWork {
  contacted: number;
  resolved: number;
  noActionNeeded: number;
  leftNew: number;
}

/**
 * The demo's follow-up work. The rules open a case for every detractor of the demo's year of
 * answers, and without this every one of them would stand untouched and overdue, so the cases page
 * and the closed-loop KPIs would show nothing but a failed loop. Here the cases are worked as a
 * busy team lead might have worked them, in the demo's own time: most contacted before their due
 * date and closed with an outcome and a root-cause theme, some late, some closed as needing no
 * action, some left undone (the backlog the page is for); in the last two weeks fewer are finished.
 *
 * Deterministic (each case's course is drawn from its id and the seed), and only cases still "new"
 * are touched, so running it again changes nothing a person has done. Every change goes through
 * CaseRepository.update, so the history, the audit log and the KPIs are what real work leaves; the
 * actor is the case's owner, or "demo" for a team without a lead account.
 */
export async function workDemoCases(store: Store, seed = 1, now = new Date()): Promise<DemoCaseWork> {
  const work: DemoCaseWork = { contacted: 0, resolved: 0, noActionNeeded: 0, leftNew: 0 };
  const cases: CaseView[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.cases.list({ status: "new", limit: 500, cursor }, now.toISOString());
    cases.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (cases.length === 0) return work;
  const lastDue = cases.reduce((last, c) => Math.max(last, Date.parse(c.due_at)), 0);
  // Never later than now: the demo's last answers can be recent.
  const at = (ms: number) => new Date(Math.min(ms, now.getTime() - 60_000)).toISOString();

  for (const c of cases) {
    const rng = new Rng(continueHash(FNV_OFFSET, `${seed}:${c.id}`));
    const due = Date.parse(c.due_at);
    const recent = due > lastDue - RECENT_DAYS * 24 * HOUR;
    const u = rng.float();
    const actor = c.owner ?? "demo";
    if (recent ? u >= 0.5 : u >= 0.9) {
      work.leftNew++;
      continue;
    }
    if (!recent && u >= 0.8) {
      await store.cases.update(c.id, { status: "no_action_needed" }, actor, at(due + rng.int(1, 48) * HOUR));
      work.noActionNeeded++;
      continue;
    }
    // Most first contacts come before the due date; about one in five is late.
    const contactedAt = u < (recent ? 0.4 : 0.64) ? due - rng.int(2, 30) * HOUR : due + rng.int(2, 96) * HOUR;
    await store.cases.update(c.id, { status: "contacted" }, actor, at(contactedAt));
    work.contacted++;
    if (recent && u >= 0.25) continue;
    const outcome = OUTCOMES[rng.int(0, OUTCOMES.length - 1)] as string;
    await store.cases.update(
      c.id,
      { status: "resolved", outcome, rootCauseTheme: await rootCause(store, c) },
      actor,
      at(contactedAt + rng.int(4, 120) * HOUR),
    );
    work.resolved++;
  }
  return work;
}

/** The case's answer's (or encounter's) first negative theme, as a lead would name the root cause. */
async function rootCause(store: Store, c: CaseView): Promise<string | null> {
  const row =
    c.source.kind === "response"
      ? await store.db
          .selectFrom("survey_responses")
          .select(["theme_codes", "enc_theme_codes"])
          .where("id", "=", c.source.id)
          .executeTakeFirst()
      : undefined;
  const encounter =
    c.encounter_id === null
      ? undefined
      : await store.db
          .selectFrom("encounters")
          .select("theme_codes")
          .where("id", "=", c.encounter_id)
          .executeTakeFirst();
  const themes = [
    ...parseThemeCodes(row?.theme_codes),
    ...parseThemeCodes(row?.enc_theme_codes ?? encounter?.theme_codes),
  ];
  return (themes.find(([, polarity]) => polarity < 0) ?? themes[0])?.[0] ?? null;
}
