import type { MouseEvent } from "react";
import { isSuppressed, type Role, type ThemesResult } from "../api-types.ts";
import { FilterBar } from "../components/filter-bar.tsx";
import { ImpactFigure } from "../components/interval-text.tsx";
import { useFilterChoices } from "../filter-choices.ts";
import { useFilters } from "../filters.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { navigate } from "../router.ts";

/** One row of the themes report: its figures, or its key and name when below the privacy floor. */
export type ThemeRow = ThemesResult["themes"][number];
/** A theme whose figures are shown. */
export type ThemeFigures = Exclude<ThemeRow, { suppressed: true }>;

export function shown(rows: readonly ThemeRow[]): ThemeFigures[] {
  return rows.flatMap((r) => (isSuppressed(r) ? [] : [r as ThemeFigures]));
}

/**
 * The small-sample floor of the API's NPS figures (SMALL_SAMPLE in src/stats/nps-estimate.ts; the
 * browser does not bundle server code, themes-shared.test.ts keeps the two equal): below it an
 * impact carries a warning. Only said in words; whether a theme is below it is the API's warning.
 */
export const FEW_ANSWERS = 30;

/**
 * A theme mentioned by some survey answers, but fewer than the small-sample floor: the API's impact
 * then carries a warning (never when no answer mentions it). Its NPS impact is near zero with a narrow
 * interval because one or two answers barely move the whole NPS, not because it matters little.
 */
export function fewAnswers(theme: ThemeFigures): boolean {
  return theme.npsImpact.warning !== undefined;
}

/** A theme's NPS impact cell: the figure, bold when significant, with the few-answers caution (themes page and overview). */
export function ImpactCell({ theme, pending }: { theme: ThemeFigures; pending: boolean }) {
  return (
    <td className={`num ${theme.npsImpact.significant ? "strong" : ""}`} data-testid="theme-impact">
      <ImpactFigure
        value={theme.npsImpact.value}
        significant={theme.npsImpact.significant}
        pending={pending}
      />
      <FewAnswersBadge theme={theme} />
    </td>
  );
}

/** The caution a theme's NPS impact carries when few answers mention it (themes page and overview alike). */
export function FewAnswersBadge({ theme }: { theme: ThemeFigures }) {
  const { t, num } = useI18n();
  if (!fewAnswers(theme)) return null;
  const long = t("themes.fewAnswersLong", { n: num(theme.answers, 0) });
  return (
    <span className="badge badge-caution" data-testid="theme-few-answers" title={long}>
      {t("themes.fewAnswers", { n: num(theme.answers, 0) })}
      <span className="visually-hidden"> ({long})</span>
    </span>
  );
}

/** The address's shared filters (and language) carried over to a link. */
const KEPT = ["from", "to", "period", "team", "channel", "lang"] as const;

export function linkWithFilters(path: string, search: URLSearchParams, extra: Record<string, string> = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  for (const key of KEPT) {
    const v = search.get(key);
    if (v) q.set(key, v);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const themeHref = (id: string, search: URLSearchParams) =>
  linkWithFilters(`/themes/${encodeURIComponent(id)}`, search);

export const encountersHref = (id: string, search: URLSearchParams) =>
  linkWithFilters("/encounters", search, { theme: id });

/** In-app links move without reloading; a modified click (new tab) is left to the browser. */
export function follow(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute("href") ?? "/themes");
  document.getElementById("main")?.focus();
}

/** Roles that may read customers' text (route rules: readCustomerText); a viewer sees aggregates only. */
export function readsText(role: Role | undefined): boolean {
  return role === "admin" || role === "analyst" || role === "manager" || role === "agent";
}

/** Roles that may edit the taxonomy. */
export function editsTaxonomy(role: Role | undefined): boolean {
  return role === "admin" || role === "analyst";
}

/** The shared period, team and channel filters, with the choices the data has. */
export function ThemesFilterBar() {
  const [filters, setFilters] = useFilters();
  const choices = useFilterChoices();
  return (
    <FilterBar
      filters={filters}
      onChange={setFilters}
      months={choices.months}
      teams={choices.teams}
      channels={choices.channels}
    />
  );
}

/** The scale of the interval bars: symmetric around zero, covering every interval shown. */
export function intervalScale(rows: readonly ThemeFigures[]): number {
  let max = 1;
  for (const r of rows) {
    for (const v of [r.npsImpact.low, r.npsImpact.high, r.npsImpact.value]) {
      if (typeof v === "number" && Number.isFinite(v)) max = Math.max(max, Math.abs(v));
    }
  }
  return Math.ceil(max / 5) * 5;
}

/** A small picture of an impact and its 95% interval on a scale around zero (the figures are in the text). */
export function IntervalBar({
  value,
  low,
  high,
  scale,
  significant,
}: {
  value: number | null;
  low: number | null;
  high: number | null;
  scale: number;
  significant: boolean;
}) {
  const width = 120;
  const x = (v: number) => width / 2 + (Math.max(-scale, Math.min(scale, v)) / scale) * (width / 2 - 4);
  const ok = (v: number | null): v is number => typeof v === "number" && Number.isFinite(v);
  const tone = !significant ? "flat" : ok(value) && value < 0 ? "down" : "up";
  return (
    <svg className={`theme-interval theme-interval-${tone}`} width={width} height={14} aria-hidden="true">
      <line className="theme-interval-zero" x1={width / 2} x2={width / 2} y1={0} y2={14} />
      {ok(low) && ok(high) ? (
        <line className="theme-interval-range" x1={x(low)} x2={x(high)} y1={7} y2={7} />
      ) : null}
      {ok(value) ? <circle className="theme-interval-point" cx={x(value)} cy={7} r={3.5} /> : null}
    </svg>
  );
}

/** The intro line under the page title: what NPS impact means. */
export function ImpactNote() {
  const { t } = useI18n();
  return <p className="muted small">{t("themes.impactNote")}</p>;
}
