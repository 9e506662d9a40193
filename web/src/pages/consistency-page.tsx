import { OrganisationOnly } from "../components/organisation-only.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useFilterChoices } from "../filter-choices.ts";
import "./consistency-page.css";
import { type ConsistencyResult, isSuppressed } from "../api-types.ts";
import { channelName } from "../components/dimension-names.ts";
import { ExportLinks } from "../components/export-links.tsx";
import { FilterBar } from "../components/filter-bar.tsx";
import { Await, Empty, Suppressed } from "../components/status.tsx";
import { type Filters, reportQuery, useFilters } from "../filters.ts";
import { type I18n, useI18n } from "../i18n/i18n-context.tsx";
import { useApi } from "../use-api.ts";
import { ConsistencyChart } from "./consistency-chart.tsx";
import { exportParams, ResponseRates } from "./consistency-rates.tsx";

type Heterogeneity = ConsistencyResult["nps"];
type Trend = ConsistencyResult["trend"];

/** Consistency across channels (NPS and tone, with the heterogeneity verdict) and response rates by channel and segment. */
export function ConsistencyPage() {
  const { t } = useI18n();
  return (
    <OrganisationOnly title={t("consistency.title")} note={t("consistency.agentNote")}>
      {() => <Consistency />}
    </OrganisationOnly>
  );
}

function Consistency() {
  const { t } = useI18n();
  const [filters, setFilters] = useFilters();
  const choices = useFilterChoices({ channels: false });
  const report = useApi<ConsistencyResult>(`/reports/consistency${reportQuery(filters, {}, ["channel"])}`);

  return (
    <>
      <div className="page-head">
        <h1>{t("consistency.title")}</h1>
        <FilterBar
          filters={filters}
          onChange={setFilters}
          months={choices.months}
          teams={choices.teams}
          channels={[]}
        />
      </div>
      <p className="muted">{t("consistency.intro")}</p>
      {filters.channel ? <p className="muted small">{t("consistency.channelFilter")}</p> : null}
      <div className="consistency-panels">
        <section className="card" aria-labelledby="consistency-nps-title">
          <h2 id="consistency-nps-title">{t("consistency.npsTitle")}</h2>
          <Await loaded={report}>{(r) => <ChannelFigures report={r} filters={filters} />}</Await>
        </section>
        <section className="card" aria-labelledby="consistency-rate-title">
          <h2 id="consistency-rate-title">{t("consistency.rateTitle")}</h2>
          <p className="muted small">{t("consistency.rateIntro")}</p>
          <ResponseRates filters={filters} />
        </section>
      </div>
    </>
  );
}

function ChannelFigures({ report, filters }: { report: ConsistencyResult; filters: Filters }) {
  const i18n = useI18n();
  const { t, num, signed } = i18n;
  if (report.channels.length === 0) return <Empty />;
  const shown = report.channels.flatMap((c) => (isSuppressed(c) ? [] : [c]));
  if (shown.length === 0) return <Suppressed />;
  const months = report.months;
  return (
    <>
      <ul className="consistency-verdicts">
        <li className={report.nps.significant ? "strong" : ""}>
          {t("consistency.npsVerdict", { text: verdict(report.nps, i18n) })}
        </li>
        <li className={report.tone.significant ? "strong" : ""}>
          {t("consistency.toneVerdict", { text: verdict(report.tone, i18n) })}
        </li>
      </ul>
      <ConsistencyChart
        points={shown.map((c) => ({
          channel: c.channel,
          value: c.nps.value,
          low: c.nps.low,
          high: c.nps.high,
          n: c.nps.n,
        }))}
        pooled={report.nps.pooled}
      />
      {report.nps.pooled !== null ? (
        <p className="muted small">{t("consistency.pooled", { value: signed(report.nps.pooled, 1) })}</p>
      ) : null}
      <TableScroll label={t("consistency.tableCaption")}>
        <table className="table">
          <caption className="visually-hidden">{t("consistency.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("consistency.channel")}</th>
              <th scope="col" className="num">
                {t("consistency.nps")}
              </th>
              <th scope="col" className="num">
                {t("consistency.interval")}
              </th>
              <th scope="col" className="num">
                {t("consistency.answers")}
              </th>
              <th scope="col" className="num">
                {t("consistency.tone")}
              </th>
              <th scope="col" className="num">
                {t("consistency.interval")}
              </th>
              <th scope="col" className="num">
                {t("consistency.encounters")}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.channels.map((c) => (
              <tr key={c.channel}>
                <th scope="row">{channelName(c.channel, t)}</th>
                {isSuppressed(c) ? (
                  <td colSpan={6} className="muted status-suppressed">
                    {t("state.suppressed")}
                  </td>
                ) : (
                  <>
                    <td className="num">{signed(c.nps.value, 1)}</td>
                    <td className="num muted">
                      {signed(c.nps.low, 1)} … {signed(c.nps.high, 1)}
                    </td>
                    <td className="num">{num(c.nps.n, 0)}</td>
                    <td className="num">{signed(c.tone.value, 2)}</td>
                    <td className="num muted">
                      {signed(c.tone.low, 2)} … {signed(c.tone.high, 2)}
                    </td>
                    <td className="num">{num(c.tone.n, 0)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ExportLinks
        path="/reports/consistency/export"
        params={exportParams(filters)}
        label={t("consistency.exportTable")}
      />
      <h3 className="consistency-trend">{t("consistency.trendTitle")}</h3>
      <p>{trendText(report.trend, i18n)}</p>
      {months.length > 0 ? (
        <details className="consistency-months">
          <summary>{t("consistency.monthsCaption")}</summary>
          <TableScroll label={t("consistency.monthsCaption")}>
            <table className="table compact">
              <caption className="visually-hidden">{t("consistency.monthsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("consistency.month")}</th>
                  <th scope="col" className="num">
                    {t("consistency.channels")}
                  </th>
                  <th scope="col" className="num">
                    {t("consistency.spread")}
                  </th>
                  <th scope="col">{t("consistency.monthDiffer")}</th>
                </tr>
              </thead>
              <tbody>
                {months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{i18n.month(m.month)}</th>
                    {isSuppressed(m) ? (
                      <td colSpan={3} className="muted status-suppressed">
                        {t("state.suppressed")}
                      </td>
                    ) : (
                      <>
                        <td className="num">{num(m.channels, 0)}</td>
                        <td className="num">{num(m.npsSpread, 1)}</td>
                        <td>{m.npsTest.significant ? t("consistency.yes") : t("consistency.no")}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      ) : null}
    </>
  );
}

/** The heterogeneity test in words: do the channels differ beyond sampling noise? */
function verdict(h: Heterogeneity, { t, num }: I18n): string {
  if (h.df < 1 || h.q === null) return t("consistency.tooFew");
  const p = pText(h.pValue, num);
  return h.significant
    ? t("consistency.differ", { q: num(h.q, 1), p, i2: num(h.i2, 0) })
    : t("consistency.same", { q: num(h.q, 1), p });
}

function trendText(trend: Trend, { t, num }: I18n): string {
  if (trend.months < 3 || trend.r === null) return t("consistency.trendTooFew");
  const values = { months: trend.months, r: num(trend.r, 2), p: pText(trend.pValue, num) };
  if (trend.verdict !== "significant") return t("consistency.trendNone", values);
  return t(trend.r > 0 ? "consistency.trendGrowing" : "consistency.trendShrinking", values);
}

/** A p-value as people read it: "p < 0,001" rather than "p = 0,000". */
export function pText(p: number | null, num: I18n["num"]): string {
  if (p === null || !Number.isFinite(p)) return "p = –";
  return p < 0.001 ? `p < ${num(0.001, 3)}` : `p = ${num(p, 3)}`;
}
