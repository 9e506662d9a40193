import type { MouseEvent } from "react";
import type { DriversResult, ScoreResult, ThemesResult } from "../api-types.ts";
import { channelName } from "../components/dimension-names.ts";
import { ExportLinks } from "../components/export-links.tsx";
import { TopDrivers, TopThemes } from "../components/insight-panels.tsx";
import { MetricCard, type MetricSpec } from "../components/metric-card.tsx";
import { OrganisationOnly } from "../components/organisation-only.tsx";
import { Await } from "../components/status.tsx";
import { monthAfter, reportQuery, useFilters } from "../filters.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { navigate } from "../router.ts";
import { useApi } from "../use-api.ts";
import "./management-report-page.css";

const METRICS: MetricSpec[] = [
  { metric: "nps", digits: 1, unit: "" },
  { metric: "csat", digits: 1, unit: "%" },
  { metric: "ces", digits: 2, unit: "", lowerIsBetter: true },
  { metric: "enps", digits: 1, unit: "" },
];

/**
 * The printable management report: the overview's key figures with their intervals, the top themes
 * and the top drivers, for the filters in the address, laid out for an A4 page (print rules in
 * management-report-page.css). Reached from the Overview.
 */
export function ManagementReportPage() {
  const { t } = useI18n();
  return (
    <OrganisationOnly title={t("report.title")} note={t("report.agentNote")}>
      {() => <ManagementReport />}
    </OrganisationOnly>
  );
}

function ManagementReport() {
  const { t, month, date } = useI18n();
  const [filters] = useFilters();
  const q = (without?: readonly ("period" | "team" | "channel")[]) => reportQuery(filters, {}, without);
  const nps = useApi<ScoreResult>(`/reports/nps${q()}`);
  const csat = useApi<ScoreResult>(`/reports/csat${q()}`);
  const ces = useApi<ScoreResult>(`/reports/ces${q()}`);
  // The pulse is per team: a channel does not apply to employee answers.
  const enps = useApi<ScoreResult>(`/reports/enps${q(["channel"])}`);
  const themes = useApi<ThemesResult>(`/reports/themes${q()}`);
  const drivers = useApi<DriversResult>(`/reports/drivers${q()}`);
  const loaded = { nps, csat, ces, enps };
  // The tables' downloads take the report's own parameters (GET /reports/<name>/export).
  const exportParams = {
    from: filters.from ? `${filters.from}-01` : null,
    to: filters.to ? monthAfter(filters.to) : null,
    team: filters.team,
    channel: filters.channel,
  };

  const period =
    filters.from && filters.to
      ? filters.from === filters.to
        ? month(filters.from)
        : `${month(filters.from)} – ${month(filters.to)}`
      : t("report.allPeriod");
  const back = `/${location.search}`;
  const goBack = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(back);
    document.getElementById("main")?.focus();
  };

  return (
    <article className="mgmt-report" aria-labelledby="mgmt-report-title">
      <div className="mgmt-actions">
        <a href={back} onClick={goBack}>
          ← {t("report.back")}
        </a>
        <button type="button" className="button" onClick={() => window.print()}>
          {t("report.print")}
        </button>
      </div>
      <header className="mgmt-head">
        <h1 id="mgmt-report-title">{t("report.title")}</h1>
        <p className="mgmt-scope" data-testid="report-scope">
          {t("report.scope", {
            period,
            team: filters.team ?? t("report.all"),
            channel: filters.channel ? channelName(filters.channel, t) : t("report.all"),
          })}
        </p>
        <p className="muted small">{t("report.intro")}</p>
      </header>
      <section aria-labelledby="mgmt-figures">
        <h2 id="mgmt-figures">{t("report.figures")}</h2>
        <div className="metric-grid mgmt-metrics">
          {METRICS.map((spec) => (
            <MetricCard key={spec.metric} spec={spec} loaded={loaded[spec.metric]} />
          ))}
        </div>
      </section>
      <section className="card mgmt-section" aria-labelledby="mgmt-themes">
        <h2 id="mgmt-themes">{t("themes.title")}</h2>
        <p className="muted small">{t("themes.intro")}</p>
        <Await loaded={themes}>{(r) => <TopThemes report={r} />}</Await>
        <ExportLinks path="/reports/themes/export" params={exportParams} label={t("report.themesTable")} />
      </section>
      <section className="card mgmt-section" aria-labelledby="mgmt-drivers">
        <h2 id="mgmt-drivers">{t("drivers.title")}</h2>
        <p className="muted small">{t("drivers.intro")}</p>
        <Await loaded={drivers}>{(r) => <TopDrivers report={r} />}</Await>
        <ExportLinks path="/reports/drivers/export" params={exportParams} label={t("report.driversTable")} />
      </section>
      <footer className="muted small mgmt-foot">
        {t("report.generated", { date: date(new Date().toISOString()) })}
      </footer>
    </article>
  );
}
