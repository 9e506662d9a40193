import { useId } from "react";
import { type DriversResult, isSuppressed } from "../api-types.ts";
import { DriverQuadrantChart, meanShare, shownDrivers } from "../components/driver-quadrant-chart.tsx";
import { DriverRollup, DriverTable } from "../components/driver-table.tsx";
import { ExportLinks } from "../components/export-links.tsx";
import { FilterBar } from "../components/filter-bar.tsx";
import { OrganisationOnly } from "../components/organisation-only.tsx";
import { Await, Empty, Suppressed } from "../components/status.tsx";
import { useFilterChoices } from "../filter-choices.ts";
import { type Filters, monthAfter, reportQuery, useFilters } from "../filters.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useQuery } from "../router.ts";
import { useMe } from "../session.ts";
import { useApi } from "../use-api.ts";

const TARGETS = [30, 40, 50, 60, 70, 80, 90] as const;
/** Areas listed beside the chart, most important first (all of them are in the groups and the export). */
const AREAS_SHOWN = 8;

/** Key drivers of NPS: the importance × performance quadrant, every driver with its interval, and the roll-ups. */
export function DriversPage() {
  const { t } = useI18n();
  return (
    <OrganisationOnly title={t("nav.drivers")} note={t("driversPage.agentNote")}>
      {() => <Drivers />}
    </OrganisationOnly>
  );
}

function Drivers() {
  const { t, num } = useI18n();
  const id = useId();
  const me = useMe();
  const [filters, setFilters] = useFilters();
  const [params, setParams] = useQuery();
  const targetParam = params.get("target");
  const target = TARGETS.find((x) => String(x) === targetParam) ?? null;
  const choices = useFilterChoices();
  const extra: Record<string, string> = target === null ? {} : { target: String(target) };
  const drivers = useApi<DriversResult>(`/reports/drivers${reportQuery(filters, extra)}`);
  // Viewers see aggregates only: no way down to the encounters (route rules).
  const links = me?.role !== "viewer";

  return (
    <>
      <div className="page-head">
        <h1>{t("nav.drivers")}</h1>
        <FilterBar
          filters={filters}
          onChange={setFilters}
          months={choices.months}
          teams={choices.teams}
          channels={choices.channels}
        />
      </div>
      <p className="muted">{t("driversPage.intro")}</p>
      <div className="driver-controls">
        <div className="field">
          <label htmlFor={`${id}-target`}>{t("driversPage.target")}</label>
          <select
            id={`${id}-target`}
            value={String(target ?? (drivers.state === "done" ? drivers.data.performanceTarget : 50))}
            onChange={(e) => setParams({ target: e.target.value })}
          >
            {TARGETS.map((x) => (
              <option key={x} value={x}>
                {num(x, 0)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Await loaded={drivers}>
        {(r) => <DriversBody report={r} links={links} filters={filters} target={target} />}
      </Await>
    </>
  );
}

function DriversBody({
  report,
  links,
  filters,
  target,
}: {
  report: DriversResult;
  links: boolean;
  filters: Filters;
  target: number | null;
}) {
  const { t, num } = useI18n();
  if (report.drivers.length === 0) return <Empty>{t("driversPage.notEnough")}</Empty>;
  if (report.drivers.every(isSuppressed)) return <Suppressed />;
  const shown = shownDrivers(report);
  const exportParams = {
    from: filters.from ? `${filters.from}-01` : null,
    to: filters.to ? monthAfter(filters.to) : null,
    team: filters.team,
    channel: filters.channel,
    target: target === null ? null : String(target),
  };
  return (
    <>
      {report.warning && report.n < 100 ? (
        <p className="note" role="note">
          {t("driversPage.fewAnswers", { n: num(report.n, 0) })}
        </p>
      ) : null}
      <div className="panel-grid">
        <section className="card span-4 chart-card" aria-labelledby="drivers-quadrant-title">
          <h2 id="drivers-quadrant-title">{t("driversPage.quadrantTitle")}</h2>
          <p className="muted small">
            {t("driversPage.quadrantIntro", {
              target: num(report.performanceTarget, 0),
              mean: num(meanShare(report), 1),
            })}
          </p>
          {shown.length > 0 ? <DriverQuadrantChart report={report} /> : <Suppressed />}
        </section>
        <section className="card span-2" aria-labelledby="drivers-areas-title">
          <h2 id="drivers-areas-title">{t("driversPage.areasTitle")}</h2>
          <p className="muted small">{t("driversPage.areasIntro")}</p>
          {report.areas.length > 0 ? (
            <DriverRollup
              report={report}
              rows={report.areas.slice(0, AREAS_SHOWN)}
              label={t("driversPage.area")}
              caption={t("driversPage.areasTitle")}
            />
          ) : (
            <Suppressed />
          )}
          {report.areas.length > AREAS_SHOWN ? (
            <p className="muted small">
              {t("driversPage.areasTop", { shown: AREAS_SHOWN, count: report.areas.length })}
            </p>
          ) : null}
        </section>
        <section className="card driver-wide" aria-labelledby="drivers-table-title">
          <h2 id="drivers-table-title">{t("driversPage.tableTitle")}</h2>
          <p className="muted small">
            {t("driversPage.model", { r2: num(100 * report.r2, 1), n: num(report.n, 0) })}
          </p>
          <DriverTable report={report} links={links} />
          <p className="muted small">{t("driversPage.performanceNote")}</p>
          {report.crossCheck ? (
            <p className="muted small">
              {t("driversPage.crossCheck", {
                count: report.crossCheck.drivers.length,
                difference: num(100 * report.crossCheck.maxDifference, 2),
              })}
            </p>
          ) : null}
          <div className="driver-foot">
            <ExportLinks
              path="/reports/drivers/export"
              params={exportParams}
              label={t("driversPage.exportWhat")}
            />
          </div>
        </section>
        <section className="card driver-wide" aria-labelledby="drivers-groups-title">
          <h2 id="drivers-groups-title">{t("driversPage.groupsTitle")}</h2>
          {report.groups.length > 0 ? (
            <DriverRollup
              report={report}
              rows={report.groups}
              label={t("driversPage.group")}
              caption={t("driversPage.groupsTitle")}
              wide
            />
          ) : (
            <Suppressed />
          )}
        </section>
      </div>
    </>
  );
}
