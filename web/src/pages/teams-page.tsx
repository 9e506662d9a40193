import { type ExLinkResult, isSuppressed } from "../api-types.ts";
import { ExportLinks } from "../components/export-links.tsx";
import { FilterBar } from "../components/filter-bar.tsx";
import { OrganisationOnly } from "../components/organisation-only.tsx";
import { Await, Empty } from "../components/status.tsx";
import { TeamChart, type TeamMonthRow } from "../components/team-chart.tsx";
import { LagTable, linkStatement, teamStatement } from "../components/team-link.tsx";
import { useFilterChoices } from "../filter-choices.ts";
import { type Filters, monthAfter, reportQuery, useFilters } from "../filters.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useApi } from "../use-api.ts";

/** The two wheels: per team, customer experience beside employee experience, and what their link does and does not show. */
export function TeamsPage() {
  const { t } = useI18n();
  return (
    <OrganisationOnly title={t("nav.teams")} note={t("teamsPage.agentNote")}>
      {() => <Teams />}
    </OrganisationOnly>
  );
}

function Teams() {
  const { t } = useI18n();
  const [filters, setFilters] = useFilters();
  const choices = useFilterChoices();
  const report = useApi<ExLinkResult>(`/reports/exlink${reportQuery(filters)}`);
  return (
    <>
      <div className="page-head">
        <h1>{t("nav.teams")}</h1>
        <FilterBar
          filters={filters}
          onChange={setFilters}
          months={choices.months}
          teams={choices.teams}
          channels={choices.channels}
        />
      </div>
      <p className="muted">{t("teamsPage.intro")}</p>
      <Await loaded={report}>{(r) => <TeamsBody report={r} filters={filters} />}</Await>
    </>
  );
}

function TeamsBody({ report, filters }: { report: ExLinkResult; filters: Filters }) {
  const { t, num } = useI18n();
  if (report.series.length === 0 && report.teams.length === 0) return <Empty />;
  const exportParams = {
    from: filters.from ? `${filters.from}-01` : null,
    to: filters.to ? monthAfter(filters.to) : null,
    team: filters.team,
    channel: filters.channel,
  };
  const teamNames = [...new Set([...report.teams.map((x) => x.team), ...report.series.map((s) => s.team)])];
  return (
    <>
      <div className="panel-grid">
        <section
          className="card team-wide team-link-card"
          aria-labelledby="teams-link-title"
          data-testid="teams-link"
        >
          <h2 id="teams-link-title">{t("teamsPage.linkTitle")}</h2>
          <div className="team-statement">
            <h3>{t("teamsPage.showsTitle")}</h3>
            <p data-testid="teams-statement">{linkStatement(report.links, t, num)}</p>
            <h3>{t("teamsPage.notShowsTitle")}</h3>
            <p>{t("teamsPage.notShows")}</p>
          </div>
          <LagTable links={report.links} caption={t("teamsPage.lagCaption")} />
        </section>
        <section className="card team-wide" aria-labelledby="teams-touch-title">
          <h2 id="teams-touch-title">{t("teamsPage.touchTitle")}</h2>
          <p className="muted small">{t("teamsPage.touchIntro")}</p>
          <div className="team-touch-grid">
            {report.byTouch.map((group) => {
              const name = t(group.touch === "high" ? "teamsPage.touch.high" : "teamsPage.touch.low");
              return (
                <div key={group.touch} className="team-touch" data-touch={group.touch}>
                  <h3>{name}</h3>
                  <p className="muted small">
                    {group.teams.length > 0
                      ? t("teamsPage.touchTeams", { teams: group.teams.join(", ") })
                      : t("teamsPage.touchNone")}
                  </p>
                  <p>{linkStatement(group.links, t, num)}</p>
                  <LagTable links={group.links} caption={name} outcomes={["nps"]} hideCaption />
                </div>
              );
            })}
          </div>
        </section>
      </div>
      <section aria-labelledby="teams-cards-title" className="team-section">
        <div className="team-section-head">
          <h2 id="teams-cards-title">{t("teamsPage.teamsTitle")}</h2>
          <ExportLinks
            path="/reports/exlink/export"
            params={exportParams}
            label={t("teamsPage.exportWhat")}
          />
        </div>
        {teamNames.length === 0 ? (
          <Empty />
        ) : (
          <div className="team-grid">
            {teamNames.map((team) => (
              <TeamCard
                key={team}
                team={team}
                link={report.teams.find((x) => x.team === team) ?? null}
                months={report.series.filter((s) => s.team === team)}
              />
            ))}
          </div>
        )}
      </section>
    </>
  );
}

function TeamCard({
  team,
  link,
  months,
}: {
  team: string;
  link: ExLinkResult["teams"][number] | null;
  months: TeamMonthRow[];
}) {
  const { t, num, signed, month } = useI18n();
  const shown = link && !isSuppressed(link) ? link : null;
  const hiddenMonths = months.filter(isSuppressed).length;
  // The latest month with both wheels measured (a month without a pulse has no eNPS).
  const measured = months.flatMap((m) => (isSuppressed(m) ? [] : [m]));
  const latest =
    [...measured].reverse().find((m) => m.nps !== null && m.enps !== null) ?? measured[measured.length - 1];
  const headingId = `team-${team.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  return (
    <article className="card team-card" aria-labelledby={headingId} data-team={team}>
      <header className="team-card-head">
        <h3 id={headingId}>{team}</h3>
        {shown ? (
          <p className="muted small">
            <span className="badge">
              {t(shown.touch === "high" ? "teamsPage.touch.high" : "teamsPage.touch.low")}
            </span>{" "}
            {t("teamsPage.assisted", { share: num(100 * shown.assistedShare, 0) })}
          </p>
        ) : null}
      </header>
      {latest ? (
        <dl className="team-latest" data-testid="team-latest">
          <div>
            <dt>{t("teamsPage.nps")}</dt>
            <dd data-testid="team-nps">{signed(latest.nps, 1)}</dd>
          </div>
          <div>
            <dt>{t("teamsPage.enps")}</dt>
            <dd data-testid="team-enps">{signed(latest.enps, 1)}</dd>
          </div>
          <div>
            <dt>{t("teamsPage.tone")}</dt>
            <dd>{signed(latest.tone, 2)}</dd>
          </div>
        </dl>
      ) : null}
      {latest ? <p className="muted small">{t("teamsPage.latest", { month: month(latest.month) })}</p> : null}
      {months.length > 0 && months.some((m) => !isSuppressed(m)) ? (
        <TeamChart team={team} months={months} link={shown} />
      ) : null}
      {link && isSuppressed(link) ? (
        <p className="small status-suppressed">{t("teamsPage.suppressedTeam")}</p>
      ) : shown ? (
        <p className="team-conclusion">{teamStatement(shown, t, month)}</p>
      ) : null}
      {hiddenMonths > 0 ? (
        <p className="small status-suppressed">{t("teamsPage.suppressedMonths", { count: hiddenMonths })}</p>
      ) : null}
      {months.length > 0 ? (
        <details className="team-figures">
          <summary>{t("teamsPage.figures")}</summary>
          <div className="table-scroll team-scroll">
            <table className="table compact">
              <caption className="visually-hidden">
                {team}: {t("teamsPage.figures")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("teamsPage.month")}</th>
                  <th scope="col" className="num">
                    {t("teamsPage.nps")} (n)
                  </th>
                  <th scope="col" className="num">
                    {t("teamsPage.enps")} (n)
                  </th>
                  <th scope="col" className="num">
                    {t("teamsPage.tone")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{month(m.month)}</th>
                    {isSuppressed(m) ? (
                      <td colSpan={3} className="muted status-suppressed">
                        {t("state.suppressed")}
                      </td>
                    ) : (
                      <>
                        <td className="num">
                          {signed(m.nps, 1)} <span className="muted">({num(m.npsN, 0)})</span>
                        </td>
                        <td className="num">
                          {signed(m.enps, 1)} <span className="muted">({num(m.enpsN, 0)})</span>
                        </td>
                        <td className="num">{signed(m.tone, 2)}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </article>
  );
}
