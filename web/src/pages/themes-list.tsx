import { useState } from "react";
import { isSuppressed, type ThemesResult } from "../api-types.ts";
import { ExportLinks } from "../components/export-links.tsx";
import { IntervalOrPending, intervalsPending } from "../components/interval-text.tsx";
import { Await, Empty, HiddenRows, Suppressed } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { ThemeImpactChart } from "../components/theme-impact-chart.tsx";
import { reportQuery, useFilters } from "../filters.ts";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useLocation } from "../router.ts";
import { useMe } from "../session.ts";
import { useApi } from "../use-api.ts";
import "../components/theme-page.css";
import {
  editsTaxonomy,
  follow,
  ImpactCell,
  ImpactNote,
  IntervalBar,
  intervalScale,
  shown,
  type ThemeFigures,
  type ThemeRow,
  ThemesFilterBar,
  themeHref,
} from "./themes-shared.tsx";

type SortKey = "name" | "volume" | "share" | "impact";

/** /themes: every theme of the taxonomy with its volume, share, tone and NPS impact, and a chart of the impacts. */
export function ThemesList() {
  const { t } = useI18n();
  const me = useMe();
  const [filters] = useFilters();
  const report = useApi<ThemesResult>(`/reports/themes${reportQuery(filters)}`);
  const params = Object.fromEntries(new URLSearchParams(reportQuery(filters).slice(1)));

  return (
    <>
      <div className="page-head">
        <h1>{t("nav.themes")}</h1>
        <ThemesFilterBar />
      </div>
      <div className="theme-intro">
        <ImpactNote />
        {editsTaxonomy(me?.role) ? (
          <a className="button button-secondary button-small" href="/taxonomy" onClick={follow}>
            {t("themes.editTaxonomy")}
          </a>
        ) : null}
      </div>
      <Await loaded={report}>
        {(r) =>
          r.themes.length === 0 ? (
            <div className="card">
              <Empty />
            </div>
          ) : (
            <>
              <section className="card" aria-labelledby="themes-table-title">
                <h2 id="themes-table-title">{t("themes.tableTitle")}</h2>
                <ReportFacts report={r} />
                <ThemesTable rows={r.themes} pending={intervalsPending(r)} />
                <div className="list-foot">
                  <HiddenRows count={r.themes.filter(isSuppressed).length} />
                  <ExportLinks path="/reports/themes/export" params={params} label={t("themes.exportWhat")} />
                </div>
              </section>
              <section className="card theme-chart-card" aria-labelledby="themes-chart-title">
                <h2 id="themes-chart-title">{t("themes.chartTitle")}</h2>
                <p className="muted small">{t("themes.chartIntro")}</p>
                {shown(r.themes).length > 0 ? (
                  <ThemeImpactChart themes={shown(r.themes)} pending={intervalsPending(r)} />
                ) : (
                  <Suppressed />
                )}
              </section>
            </>
          )
        }
      </Await>
    </>
  );
}

/** How many encounters and answers the figures rest on, and the NPS they are compared with. */
function ReportFacts({ report }: { report: ThemesResult }) {
  const { t, num } = useI18n();
  return (
    <p className="muted small" data-testid="themes-basis">
      {t("themes.basis", {
        encounters: num(report.encounters, 0),
        answers: num(report.n, 0),
        nps: num(report.nps.value, 1),
      })}
    </p>
  );
}

function ThemesTable({ rows, pending }: { rows: readonly ThemeRow[]; pending: boolean }) {
  const { t, num, signed, lang, month } = useI18n();
  const url = useLocation();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: "impact",
    descending: false,
  });
  const figures = shown(rows);
  const scale = intervalScale(figures);
  const compare = (a: ThemeFigures, b: ThemeFigures): number => {
    switch (sort.key) {
      case "name":
        return a.name[lang].localeCompare(b.name[lang], lang);
      case "volume":
        return a.volume - b.volume;
      case "share":
        return a.share - b.share;
      case "impact":
        return (a.npsImpact.value ?? 0) - (b.npsImpact.value ?? 0);
    }
  };
  const sorted = [...figures].sort((a, b) => (sort.descending ? -compare(a, b) : compare(a, b)));
  // Themes below the privacy floor keep their place at the end, by name.
  const hidden = rows.filter(isSuppressed).sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang));

  const header = (key: SortKey, label: MessageKey, numeric: boolean) => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        className={numeric ? "num" : undefined}
        aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
      >
        <button
          type="button"
          className="theme-sort"
          onClick={() =>
            setSort((s) => ({ key, descending: s.key === key ? !s.descending : key !== "name" }))
          }
        >
          {t(label)}
          <span aria-hidden="true" className="theme-sort-mark">
            {active ? (sort.descending ? "▼" : "▲") : "↕"}
          </span>
        </button>
      </th>
    );
  };

  return (
    <TableScroll label={t("themes.tableCaption")}>
      <table className="table theme-table">
        <caption className="visually-hidden">{t("themes.tableCaption")}</caption>
        <thead>
          <tr>
            {header("name", "themes.theme", false)}
            {header("volume", "themes.volume", true)}
            {header("share", "themes.share", true)}
            <th scope="col">{t("themes.tone")}</th>
            {header("impact", "themes.impact", true)}
            <th scope="col">{t("themes.interval")}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((x) => (
            <tr key={x.theme} data-theme={x.theme} className={x.emerging ? "theme-row-emerging" : undefined}>
              <th scope="row">
                <a href={themeHref(x.theme, url.searchParams)} onClick={follow}>
                  {x.name[lang]}
                </a>
                {x.emerging ? (
                  <span
                    className="badge badge-info"
                    title={t("themes.emergingSince", { month: month(x.emerging.month) })}
                  >
                    {t("themes.emerging")}
                    <span className="visually-hidden">
                      {" "}
                      ({t("themes.emergingSince", { month: month(x.emerging.month) })})
                    </span>
                  </span>
                ) : null}
              </th>
              <td className="num">{num(x.volume, 0)}</td>
              <td className="num">{num(x.share, 1)} %</td>
              <td>
                <ToneMix tone={x.tone} />
              </td>
              {x.answers === 0 ? (
                // No survey answer mentions the theme (it is in encounters only): it has no NPS impact
                // and no interval, rather than a "0,0" that reads as a measured nothing.
                <>
                  <td className="num muted" data-testid="theme-impact">
                    –<span className="visually-hidden"> ({t("interval.noAnswersLong")})</span>
                  </td>
                  <td className="theme-interval-cell muted" data-testid="theme-no-answers">
                    <span title={t("interval.noAnswersLong")}>{t("interval.noAnswers")}</span>
                  </td>
                </>
              ) : (
                <>
                  <ImpactCell theme={x} pending={pending} />
                  <td className="theme-interval-cell" data-testid="theme-interval" data-interval>
                    <IntervalOrPending pending={pending} low={x.npsImpact.low} high={x.npsImpact.high}>
                      <span className="num">
                        {signed(x.npsImpact.low, 1)} … {signed(x.npsImpact.high, 1)}
                      </span>
                    </IntervalOrPending>
                    <IntervalBar
                      value={x.npsImpact.value}
                      low={x.npsImpact.low}
                      high={x.npsImpact.high}
                      scale={scale}
                      significant={x.npsImpact.significant}
                    />
                  </td>
                </>
              )}
            </tr>
          ))}
          {hidden.map((x) => (
            <tr key={x.theme} data-theme={x.theme} className="theme-row-hidden">
              <th scope="row">{x.name[lang]}</th>
              <td colSpan={5} className="muted status-suppressed">
                {t("themes.hiddenRow")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The tone of a theme's mentions: a stacked bar, and the shares in words. */
export function ToneMix({ tone }: { tone: { negative: number; neutral: number; positive: number } }) {
  const { t, num } = useI18n();
  return (
    <span className="theme-tone">
      <span className="theme-tone-bar" aria-hidden="true">
        <span className="tone-part-negative" style={{ width: `${tone.negative}%` }} />
        <span className="tone-part-neutral" style={{ width: `${tone.neutral}%` }} />
        <span className="tone-part-positive" style={{ width: `${tone.positive}%` }} />
      </span>
      <span className="theme-tone-text small">
        {t("themes.toneMix", {
          negative: num(tone.negative, 0),
          neutral: num(tone.neutral, 0),
          positive: num(tone.positive, 0),
        })}
      </span>
    </span>
  );
}
