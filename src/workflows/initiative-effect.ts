/**
 * Follow-through (issue 13, item 5): once an initiative is done, did NPS move where it was meant to?
 * The answers that mention the initiative's themes (in their comment or their encounter, as in the
 * themes report) are compared with the other answers, in a window of days before the done date and
 * one after it, by a difference-in-differences (src/stats/before-after.ts). How often the themes are
 * mentioned, in answers and in analysed encounters, is compared before and after too.
 */

import { DateTime } from "luxon";
import { KohtaamoError } from "../domain/index.ts";
import {
  type CustomerCell,
  type DidEffect,
  type DidInput,
  type DidResult,
  type EffectVerdict,
  npsDifferenceInDifferences,
  type Period,
  type ShareChange,
  type StratifiedEffect,
  shareChange,
  stratifiedDid,
  verdictOf,
} from "../stats/before-after.ts";
import type { Store } from "../store/index.ts";
import { type AnswerGroup, InitiativeEffectRepository } from "../store/initiative-effect-repository.ts";
import type { Initiative } from "../store/initiative-repository.ts";
import { refreshCube } from "./report-cube.ts";
import { type LocalName, themeName } from "./theme-names.ts";

/** Days compared on each side of the done date, and the days right after it left out while the change settles. */
export const EFFECT_WINDOW = { days: 90, gapDays: 7 } as const;

export interface EffectWindow {
  days: number;
  gapDays: number;
  timeZone: string;
  /** Instants (ISO UTC): from included, to excluded; the days are local days of the time zone. */
  before: { from: string; to: string };
  after: { from: string; to: string };
  /** The after window reaches past `now`: part of it cannot have data yet. */
  afterIncomplete: boolean;
}

export interface InitiativeEffect {
  initiative: { id: string; title: string; themeIds: string[]; themes: { id: string; name: LocalName }[] };
  doneOn: string;
  window: EffectWindow;
  did: TeamDid;
  /** The same DiD inside the before window, its first half against its second: should be near 0. */
  preTrend: TeamDid;
  /** Share of NPS answers that mention a linked theme. */
  answerShare: ShareChange & { mentions: { before: number; after: number } };
  /** Share of analysed encounters that mention a linked theme. */
  encounterShare: ShareChange & { mentions: { before: number; after: number } };
  verdict: EffectVerdict;
  text: LocalName;
  caveats: { id: string; text: LocalName }[];
}

/**
 * Measures a done initiative's effect over `days` days on each side of its done date (the after
 * window starts `gapDays` after it). Throws `conflict` when the initiative is not done and
 * `bad_request` when it has no linked themes: without them there is nothing to compare.
 */
export async function initiativeEffect(
  store: Store,
  initiative: Initiative,
  options: { timeZone: string; days?: number; gapDays?: number; now?: Date },
): Promise<InitiativeEffect> {
  if (initiative.status !== "done" || !initiative.doneOn)
    throw new KohtaamoError(
      "conflict",
      `initiative ${initiative.id} is not done (status ${initiative.status}): its effect is measured once it is marked done with the day it was done`,
      { status: initiative.status, doneOn: initiative.doneOn },
    );
  if (initiative.themeIds.length === 0)
    throw new KohtaamoError(
      "bad_request",
      `initiative ${initiative.id} has no linked themes: link the themes it addresses (themeIds) to measure its effect`,
      { problems: [{ field: "themeIds", reason: "no linked themes" }] },
    );
  const days = options.days ?? EFFECT_WINDOW.days;
  const gapDays = options.gapDays ?? EFFECT_WINDOW.gapDays;
  const done = DateTime.fromISO(initiative.doneOn, { zone: options.timeZone }).startOf("day");
  if (!done.isValid)
    throw new KohtaamoError(
      "bad_request",
      `initiative ${initiative.id} has an invalid done date ${initiative.doneOn}`,
    );
  const at = (d: DateTime) => new Date(d.toMillis()).toISOString();
  const half = Math.floor(days / 2);
  const beforeFrom = at(done.minus({ days }));
  const beforeMiddle = at(done.minus({ days: days - half }));
  const beforeTo = at(done);
  const afterFrom = at(done.plus({ days: gapDays }));
  const afterTo = at(done.plus({ days: gapDays + days }));
  const now = options.now ?? new Date();
  const window: EffectWindow = {
    days,
    gapDays,
    timeZone: options.timeZone,
    before: { from: beforeFrom, to: beforeTo },
    after: { from: afterFrom, to: afterTo },
    afterIncomplete: afterTo > now.toISOString(),
  };

  const { did, preTrend, answerShare, encounterShare } = await cachedMeasure(
    store,
    initiative.themeIds,
    window,
    [
      { from: beforeFrom, to: beforeMiddle },
      { from: beforeMiddle, to: beforeTo },
      { from: afterFrom, to: afterTo },
    ],
  );
  const themes = initiative.themeIds.map((id) => ({ id, name: themeName(id) }));
  return {
    initiative: { id: initiative.id, title: initiative.title, themeIds: initiative.themeIds, themes },
    doneOn: initiative.doneOn,
    window,
    did,
    preTrend,
    answerShare,
    encounterShare,
    verdict: did.verdict,
    text: statement(did, answerShare, themes, initiative.doneOn),
    caveats: caveats(preTrend, window),
  };
}

interface Measured {
  did: TeamDid;
  preTrend: TeamDid;
  answerShare: InitiativeEffect["answerShare"];
  encounterShare: InitiativeEffect["encounterShare"];
}

/** Measurements per process until the data change: the cube's generation, as the reports' cache (cachedOnCube). */
const measureCache = new WeakMap<Store, Map<string, Measured>>();
const MEASURE_CACHE_SIZE = 64;

/**
 * The counts and estimates of one measurement, cached by themes, periods and the cube's
 * generation: the report cube is refreshed first (a no-op when nothing was written), and every
 * write to answers or encounters gives it a new generation, so a cached figure is never stale
 * by more than the writes since the last refresh. A dashboard listing done initiatives then
 * pays the count queries once per initiative and data change, not once per view.
 */
async function cachedMeasure(
  store: Store,
  themeIds: readonly string[],
  window: EffectWindow,
  periods: { from: string; to: string }[],
): Promise<Measured> {
  await refreshCube(store, window.timeZone);
  const key = JSON.stringify([[...themeIds].sort(), periods, await store.cube.generation()]);
  let cache = measureCache.get(store);
  if (!cache) {
    cache = new Map();
    measureCache.set(store, cache);
  }
  const hit = cache.get(key);
  if (hit) return structuredClone(hit);
  const value = await measure(store, themeIds, window, periods);
  cache.set(key, structuredClone(value));
  if (cache.size > MEASURE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return value;
}

/** Counts the answers and encounters of the periods (before's two halves, after) and estimates. */
async function measure(
  store: Store,
  themeIds: readonly string[],
  window: EffectWindow,
  periods: { from: string; to: string }[],
): Promise<Measured> {
  const repo = new InitiativeEffectRepository(store.db);
  const [groups, encounters] = await Promise.all([
    repo.answerGroups(periods, themeIds),
    repo.encounterCounts([window.before, window.after], themeIds),
  ]);
  const [early, late, after] = [0, 1, 2].map((p) => tally(groups.filter((g) => g.period === p))) as [
    AnswerTally,
    AnswerTally,
    AnswerTally,
  ];
  const before = add(early, late);
  const encountersBefore = encounters[0] as Mentions;
  const encountersAfter = encounters[1] as Mentions;

  // The main DiD puts both halves of the before window in "before"; the placebo compares the
  // halves and leaves "after" out.
  const did = contrast(groups, (p) => (p === 2 ? "after" : "before"));
  const preTrend = contrast(groups, (p) => (p === 0 ? "before" : p === 1 ? "after" : null));
  const answerShare = {
    ...shareChange({ mentions: before.mentions, n: before.n }, { mentions: after.mentions, n: after.n }),
    mentions: { before: before.mentions, after: after.mentions },
  };
  const encounterShare = {
    ...shareChange(encountersBefore, encountersAfter),
    mentions: { before: encountersBefore.mentions, after: encountersAfter.mentions },
  };
  return { did, preTrend, answerShare, encounterShare };
}

/** A DiD whose effect is measured within teams; the pooled one is kept beside it. */
export type TeamDid = Omit<DidResult, "effect"> & { effect: StratifiedEffect; pooledEffect: DidEffect };

/**
 * The DiD of the answer groups with their periods mapped to before/after (null: left out): the
 * four cells and their minimum counts pooled, the effect within teams (stratifiedDid), each
 * interval the larger of the independent-answer and customer-clustered ones.
 */
function contrast(groups: readonly AnswerGroup[], period: (p: number) => Period | null): TeamDid {
  const cells = groups.flatMap((g) => {
    const at = period(g.period);
    return at === null
      ? []
      : [{ ...g, group: g.treated ? ("treated" as const) : ("comparison" as const), period: at }];
  });
  const pooled = npsDifferenceInDifferences(inputOf(cells), { customers: cells });
  const teams = new Map<string, (typeof cells)[number][]>();
  for (const c of cells) {
    const key = c.team ?? "";
    const list = teams.get(key);
    if (list) list.push(c);
    else teams.set(key, [c]);
  }
  const effect = stratifiedDid(
    [...teams]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, rows]) => ({ key, input: inputOf(rows), customers: rows })),
  );
  return {
    ...pooled,
    effect,
    pooledEffect: pooled.effect,
    verdict: verdictOf(effect, pooled.shortCells.length > 0),
  };
}

/** Score counts of the four cells; only the NPS class matters (detractors at 0, passives at 7, promoters at 10). */
function inputOf(cells: readonly CustomerCell[]): DidInput {
  const empty = () => new Array(11).fill(0) as number[];
  const out = {
    treated: { before: empty(), after: empty() },
    comparison: { before: empty(), after: empty() },
  };
  for (const c of cells) {
    const counts = out[c.group][c.period];
    counts[0] = (counts[0] as number) + c.detractors;
    counts[7] = (counts[7] as number) + c.n - c.promoters - c.detractors;
    counts[10] = (counts[10] as number) + c.promoters;
  }
  return out;
}

interface AnswerTally {
  treated: number[];
  comparison: number[];
  mentions: number;
  n: number;
}

interface Mentions {
  mentions: number;
  n: number;
}

/**
 * Score counts of the answer groups, treated and comparison; only the NPS class matters, so
 * detractors are counted at 0, passives at 7 and promoters at 10.
 */
function tally(groups: readonly AnswerGroup[]): AnswerTally {
  const out: AnswerTally = {
    treated: new Array(11).fill(0),
    comparison: new Array(11).fill(0),
    mentions: 0,
    n: 0,
  };
  for (const g of groups) {
    const counts = g.treated ? out.treated : out.comparison;
    counts[0] = (counts[0] as number) + g.detractors;
    counts[7] = (counts[7] as number) + g.n - g.promoters - g.detractors;
    counts[10] = (counts[10] as number) + g.promoters;
    out.n += g.n;
    if (g.treated) out.mentions += g.n;
  }
  return out;
}

function add(a: AnswerTally, b: AnswerTally): AnswerTally {
  return {
    treated: a.treated.map((x, s) => x + (b.treated[s] as number)),
    comparison: a.comparison.map((x, s) => x + (b.comparison[s] as number)),
    mentions: a.mentions + b.mentions,
    n: a.n + b.n,
  };
}

const CELL_NAMES: Record<string, LocalName> = {
  "treated.before": { en: "answers mentioning the themes before", fi: "teemat mainitsevat vastaukset ennen" },
  "treated.after": { en: "answers mentioning the themes after", fi: "teemat mainitsevat vastaukset jälkeen" },
  "comparison.before": { en: "other answers before", fi: "muut vastaukset ennen" },
  "comparison.after": { en: "other answers after", fi: "muut vastaukset jälkeen" },
};

/** The verdict said plainly, in both languages, with the figures behind it. */
function statement(
  did: TeamDid,
  share: ShareChange,
  themes: { id: string; name: LocalName }[],
  doneOn: string,
): LocalName {
  const names = (lang: "fi" | "en") => themes.map((t) => t.name[lang]).join(lang === "fi" ? " tai " : " or ");
  const e = did.effect;
  const num = (x: number | null, lang: "fi" | "en") =>
    x === null ? "–" : (x > 0 ? "+" : "") + (lang === "fi" ? String(x).replace(".", ",") : String(x));
  const interval = (lang: "fi" | "en") =>
    lang === "fi"
      ? `95 %:n luottamusväli ${num(e.low, "fi")} … ${num(e.high, "fi")}`
      : `95% interval ${num(e.low, "en")} to ${num(e.high, "en")}`;
  const [year, month, day] = doneOn.split("-").map(Number);
  const fiDate = `${day}.${month}.${year}`;
  let fi: string;
  let en: string;
  switch (did.verdict) {
    case "not enough data": {
      const cells = did.shortCells.map((c) => ({
        ...(CELL_NAMES[`${c.group}.${c.period}`] as LocalName),
        n: c.n,
      }));
      en = `Not enough data to tell: ${cells.map((c) => `${c.en} (${c.n})`).join(", ")} — at least ${did.minPerCell} answers are needed in each of the four groups.`;
      fi = `Aineisto ei riitä johtopäätökseen: ${cells.map((c) => `${c.fi} (${c.n})`).join(", ")} — jokaisessa neljästä ryhmästä tarvitaan vähintään ${did.minPerCell} vastausta.`;
      break;
    }
    case "no measurable change":
      en = `No measurable change: after ${doneOn}, NPS among answers mentioning ${names("en")} moved ${num(e.estimate, "en")} points relative to the other answers (${interval("en")}), which could be noise.`;
      fi = `Ei mitattavaa muutosta: ${fiDate} jälkeen NPS muuttui vastauksissa, joissa mainitaan ${names("fi")}, ${num(e.estimate, "fi")} pistettä suhteessa muihin vastauksiin (${interval("fi")}), mikä voi olla satunnaisvaihtelua.`;
      break;
    case "improved":
      en = `Improved: after ${doneOn}, NPS among answers mentioning ${names("en")} rose ${num(e.estimate, "en")} points more than among the other answers (${interval("en")}).`;
      fi = `Parani: ${fiDate} jälkeen NPS nousi vastauksissa, joissa mainitaan ${names("fi")}, ${num(e.estimate, "fi")} pistettä enemmän kuin muissa vastauksissa (${interval("fi")}).`;
      break;
    case "worsened":
      en = `Worsened: after ${doneOn}, NPS among answers mentioning ${names("en")} changed ${num(e.estimate, "en")} points relative to the other answers (${interval("en")}).`;
      fi = `Heikkeni: ${fiDate} jälkeen NPS muuttui vastauksissa, joissa mainitaan ${names("fi")}, ${num(e.estimate, "fi")} pistettä suhteessa muihin vastauksiin (${interval("fi")}).`;
      break;
  }
  const c = share.change;
  if (c.estimate !== null) {
    en += ` The themes were mentioned in ${share.before.value}% of answers before and ${share.after.value}% after (${num(c.estimate, "en")} points, 95% interval ${num(c.low, "en")} to ${num(c.high, "en")}).`;
    fi += ` Teemat mainittiin ${num(share.before.value, "fi").replace("+", "")} %:ssa vastauksista ennen ja ${num(share.after.value, "fi").replace("+", "")} %:ssa jälkeen (${num(c.estimate, "fi")} prosenttiyksikköä, 95 %:n luottamusväli ${num(c.low, "fi")} … ${num(c.high, "fi")}).`;
  }
  return { fi, en };
}

/** What every effect answer says beside it, and the warnings that apply to this one. */
function caveats(preTrend: TeamDid, window: EffectWindow): { id: string; text: LocalName }[] {
  const out = [
    {
      id: "initiatives.effect.parallel_trends",
      text: {
        en: "Difference in differences assumes parallel trends: without the initiative, NPS among answers mentioning its themes would have moved as it did among the other answers of the same team (the effect is measured within teams, so a change that hit a whole team alike cancels out). Anything else that touched only one of the groups in the same weeks (a price change, a campaign, an outage) is counted as the initiative's effect.",
        fi: "Erotusten erotus olettaa samansuuntaiset trendit: ilman kehityshanketta NPS olisi muuttunut sen teemoja mainitsevissa vastauksissa samoin kuin saman tiimin muissa vastauksissa (vaikutus mitataan tiimien sisällä, joten koko tiimiin samoin osunut muutos kumoutuu). Kaikki muu, mikä samoina viikkoina koski vain toista ryhmää (hinnanmuutos, kampanja, häiriö), lasketaan hankkeen vaikutukseksi.",
      },
    },
    {
      id: "initiatives.effect.groups_by_mention",
      text: {
        en: "Answers are grouped by what they mention. If the initiative changes what customers write about, the groups change with it: read the themes' share of answers beside the NPS.",
        fi: "Vastaukset ryhmitellään sen mukaan, mitä ne mainitsevat. Jos hanke muuttaa sitä, mistä asiakkaat kirjoittavat, ryhmätkin muuttuvat: lue teemojen osuus vastauksista NPS:n rinnalla.",
      },
    },
    {
      id: "initiatives.effect.clusters",
      text: {
        en: "The NPS interval allows for several answers from the same customer (customers as clusters); it does not allow for other clusters, such as one campaign's answers. The shares' intervals take answers as independent.",
        fi: "NPS:n luottamusväli ottaa huomioon saman asiakkaan useat vastaukset (asiakkaat ryppäinä), mutta ei muita ryppäitä, kuten yhden kampanjan vastauksia. Osuuksien luottamusvälit olettavat vastaukset toisistaan riippumattomiksi.",
      },
    },
  ];
  if (preTrend.verdict === "improved" || preTrend.verdict === "worsened")
    out.push({
      id: "initiatives.effect.pre_trend",
      text: {
        en: `Before the done date the groups were already drifting apart (${preTrend.effect.estimate} points between the halves of the before window, 95% interval ${preTrend.effect.low} to ${preTrend.effect.high}): the trends were not parallel, so the estimate may be biased.`,
        fi: `Ryhmät erkanivat jo ennen valmistumispäivää (${preTrend.effect.estimate} pistettä ennen-jakson puoliskojen välillä, 95 %:n luottamusväli ${preTrend.effect.low} … ${preTrend.effect.high}): trendit eivät olleet samansuuntaiset, joten arvio voi olla harhainen.`,
      },
    });
  if (window.afterIncomplete)
    out.push({
      id: "initiatives.effect.after_incomplete",
      text: {
        en: `The after window runs until ${window.after.to}, which has not all passed yet: the figures cover only the part so far.`,
        fi: `Jälkeen-jakso ulottuu hetkeen ${window.after.to}, joka ei ole vielä kokonaan kulunut: luvut kattavat vain tähänastisen osan.`,
      },
    });
  return out;
}
