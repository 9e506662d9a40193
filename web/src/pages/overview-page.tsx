import {
  type DriversResult,
  isSuppressed,
  type ResponseRateResult,
  type ScoreResult,
  type ThemesResult,
} from "../api-types.ts";
import { AnalysisPendingNotice } from "../components/analysis-pending.tsx";
import { DEFAULT_MONTHS, FilterBar, needsDefaultPeriod } from "../components/filter-bar.tsx";
import { ResponseRatePanel, TopDrivers, TopThemes } from "../components/insight-panels.tsx";
import { ChunkSuspense, ChunkView, lazyChunk } from "../components/lazy-page.tsx";
import { MetricCard, type MetricSpec } from "../components/metric-card.tsx";
import { OrganisationOnly } from "../components/organisation-only.tsx";
import { Await, Empty, Suppressed } from "../components/status.tsx";
import { useFilterChoices } from "../filter-choices.ts";
import { reportQuery, useFilters } from "../filters.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { navigate } from "../router.ts";
import { useApi } from "../use-api.ts";

// The trend chart brings ECharts, most of this page's code: a chunk of its own, which starts loading as
// soon as this page's own chunk has (preloaded by main.tsx when the app opens here), alongside the
// page's reports, so that neither waits for the other.
const trendChart = lazyChunk(() => import("../components/trend-chart.tsx").then((m) => m.TrendChart));
trendChart.preload();

const METRICS: MetricSpec[] = [
  { metric: "nps", digits: 1, unit: "" },
  { metric: "csat", digits: 1, unit: "%" },
  { metric: "ces", digits: 2, unit: "", lowerIsBetter: true },
  { metric: "enps", digits: 1, unit: "" },
];

/** The overview: four key figures with their uncertainty, the monthly trend, response rates, themes and drivers. */
export function OverviewPage() {
  const { t } = useI18n();
  return (
    <OrganisationOnly title={t("overview.title")} note={t("overview.agentNote")}>
      {() => <Overview />}
    </OrganisationOnly>
  );
}

function Overview() {
  const { t } = useI18n();
  const [filters, setFilters] = useFilters();
  // What the filters can choose from: the months with answers, the teams and the channels.
  const choices = useFilterChoices();
  const monthKeys = choices.months;

  // An address without a period gets the latest three months (FilterBar); the reports wait for it.
  const needsDefault = needsDefaultPeriod(filters);
  const ready = !needsDefault || (!choices.loading && monthKeys.length < DEFAULT_MONTHS);
  const q = (extra?: Record<string, string>, without?: readonly ("period" | "team" | "channel")[]) =>
    ready ? reportQuery(filters, extra, without) : null;
  const nps = useApi<ScoreResult>(path("/reports/nps", q()));
  const csat = useApi<ScoreResult>(path("/reports/csat", q()));
  const ces = useApi<ScoreResult>(path("/reports/ces", q()));
  // The pulse is per team: a channel does not apply to employee answers.
  const enps = useApi<ScoreResult>(path("/reports/enps", q({}, ["channel"])));
  // The trend spans the whole history, with the selected period shaded, so the limits have enough months.
  const trend = useApi<ScoreResult>(path("/reports/nps", q({ by: "month" }, ["period"])));
  const rate = useApi<ResponseRateResult>(path("/reports/response-rate", q({ by: "channel" })));
  const themes = useApi<ThemesResult>(path("/reports/themes", q()));
  const drivers = useApi<DriversResult>(path("/reports/drivers", q()));
  const loaded = { nps, csat, ces, enps };

  return (
    <>
      <div className="page-head">
        <h1>{t("overview.title")}</h1>
        <FilterBar
          filters={filters}
          onChange={setFilters}
          months={monthKeys}
          teams={choices.teams}
          channels={choices.channels}
        />
      </div>
      <p className="report-link small">
        <a
          href={`/report${location.search}`}
          onClick={(e) => {
            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
            e.preventDefault();
            navigate(`/report${location.search}`);
            document.getElementById("main")?.focus();
          }}
        >
          {t("report.open")}
        </a>
      </p>
      <AnalysisPendingNotice />
      <section aria-labelledby="metrics-title">
        <h2 id="metrics-title" className="visually-hidden">
          {t("overview.metrics")}
        </h2>
        <div className="metric-grid">
          {METRICS.map((spec) => (
            <MetricCard key={spec.metric} spec={spec} loaded={loaded[spec.metric]} />
          ))}
        </div>
      </section>
      <div className="panel-grid">
        <section className="card span-4 chart-card" aria-labelledby="trend-title">
          <h2 id="trend-title">{t("trend.title")}</h2>
          <p className="muted small">{t("trend.intro")}</p>
          <Await loaded={trend}>
            {(r) => {
              const points = "controlChart" in r ? (r.controlChart?.points ?? []) : [];
              if (
                points.some((p) => !isSuppressed(p) && p.value !== null) &&
                "controlChart" in r &&
                r.controlChart
              ) {
                return (
                  <>
                    <ChunkSuspense>
                      <ChunkView
                        chunk={trendChart}
                        props={{ chart: r.controlChart, from: filters.from, to: filters.to }}
                      />
                    </ChunkSuspense>
                    {points.some(isSuppressed) ? (
                      <p className="muted small status-suppressed">{t("trend.suppressedMonths")}</p>
                    ) : null}
                  </>
                );
              }
              // Every month below the privacy floor: say so rather than draw an empty chart.
              return isSuppressed(r) || points.some(isSuppressed) ? <Suppressed /> : <Empty />;
            }}
          </Await>
        </section>
        <section className="card span-2" aria-labelledby="rate-title">
          <h2 id="rate-title">{t("rate.title")}</h2>
          <Await loaded={rate}>{(r) => <ResponseRatePanel report={r} />}</Await>
        </section>
        <section className="card span-3" aria-labelledby="themes-title">
          <h2 id="themes-title">{t("themes.title")}</h2>
          <p className="muted small">{t("themes.intro")}</p>
          <Await loaded={themes}>{(r) => <TopThemes report={r} />}</Await>
        </section>
        <section className="card span-3" aria-labelledby="drivers-title">
          <h2 id="drivers-title">{t("drivers.title")}</h2>
          <p className="muted small">{t("drivers.intro")}</p>
          <Await loaded={drivers}>{(r) => <TopDrivers report={r} />}</Await>
        </section>
      </div>
    </>
  );
}

function path(base: string, query: string | null): string | null {
  return query === null ? null : `${base}${query}`;
}

/** The group names of a `by=` report, in its order (suppressed groups keep their names). */
