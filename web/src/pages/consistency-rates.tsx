import { isSuppressed, type ResponseRateResult } from "../api-types.ts";
import { channelName } from "../components/dimension-names.ts";
import { ExportLinks } from "../components/export-links.tsx";
import { Await, Empty, HiddenRows, Suppressed } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { type Filters, monthAfter, reportQuery } from "../filters.ts";
import { type I18n, useI18n } from "../i18n/i18n-context.tsx";
import { useApi } from "../use-api.ts";

/** The report parameters of the filters (period and team: the channel is what this page compares). */
export function exportParams(f: Filters): Record<string, string | null> {
  return { from: f.from ? `${f.from}-01` : null, to: f.to ? monthAfter(f.to) : null, team: f.team };
}

type Report = Exclude<ResponseRateResult, { suppressed: true }>;
type ToneComparison = Exclude<Report["nonResponseBias"]["overall"], { suppressed: true }>;

/**
 * Response rates by channel and by customer segment, each with its 95% interval, and the
 * non-response note: whether the customers who answer sound like those who do not.
 */
export function ResponseRates({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  // An invitation's team is its encounter's (the server joins it), so the rate follows the team filter
  // and a manager's scope; the page compares channels, so the channel filter does not apply.
  const byChannel = useApi<ResponseRateResult>(
    `/reports/response-rate${reportQuery(filters, { by: "channel" }, ["channel"])}`,
  );
  const bySegment = useApi<ResponseRateResult>(
    `/reports/response-rate${reportQuery(filters, { by: "segment" }, ["channel"])}`,
  );
  const params = exportParams(filters);
  return (
    <Await loaded={byChannel}>
      {(r) =>
        isSuppressed(r) ? (
          <Suppressed />
        ) : r.invited === 0 ? (
          <Empty />
        ) : (
          <div className="consistency-rate-grid">
            <div>
              <Overall report={r} />
              <RateTable report={r} dimension="channel" caption={t("consistency.rateByChannel")} />
              <ExportLinks
                path="/reports/response-rate/export"
                params={{ ...params, by: "channel" }}
                label={t("consistency.exportRateChannel")}
              />
              <Await loaded={bySegment}>
                {(s) =>
                  isSuppressed(s) || s.invited === 0 ? null : (
                    <>
                      <RateTable report={s} dimension="segment" caption={t("consistency.rateBySegment")} />
                      <ExportLinks
                        path="/reports/response-rate/export"
                        params={{ ...params, by: "segment" }}
                        label={t("consistency.exportRateSegment")}
                      />
                    </>
                  )
                }
              </Await>
            </div>
            <NonResponse report={r} />
          </div>
        )
      }
    </Await>
  );
}

function Overall({ report }: { report: Report }) {
  const { t, num } = useI18n();
  return (
    <p className="consistency-rate-overall">
      {t("consistency.rateOverall", {
        value: num(report.value, 1),
        answered: num(report.answered, 0),
        invited: num(report.invited, 0),
      })}
      <span className="muted">
        {" "}
        ({t("metric.interval", { low: num(report.low, 1), high: num(report.high, 1) })})
      </span>
    </p>
  );
}

function RateTable({
  report,
  dimension,
  caption,
}: {
  report: Report;
  dimension: "channel" | "segment";
  caption: string;
}) {
  const { t, num } = useI18n();
  const name = (group: string | null) =>
    dimension === "channel" ? channelName(group, t) : (group ?? t("consistency.noSegment"));
  return (
    <TableScroll label={caption}>
      <table className="table compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              {dimension === "channel" ? t("consistency.channel") : t("consistency.segment")}
            </th>
            <th scope="col" className="num">
              {t("consistency.rate")}
            </th>
            <th scope="col" className="num">
              {t("consistency.interval")}
            </th>
            <th scope="col" className="num">
              {t("consistency.answered")}
            </th>
            <th scope="col" className="num">
              {t("consistency.invited")}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.groups.map((g) => (
            <tr key={g.group ?? ""}>
              <th scope="row">{name(g.group)}</th>
              {isSuppressed(g) ? (
                <td colSpan={4} className="muted status-suppressed">
                  {t("state.suppressed")}
                </td>
              ) : (
                <>
                  <td className="num">{num(g.value, 1)} %</td>
                  <td className="num muted">
                    {num(g.low, 1)} … {num(g.high, 1)}
                  </td>
                  <td className="num">{num(g.answered, 0)}</td>
                  <td className="num">{num(g.invited, 0)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function NonResponse({ report }: { report: Report }) {
  const i18n = useI18n();
  const { t, signed } = i18n;
  const bias = report.nonResponseBias;
  const channels = bias.byChannel.flatMap((c) => (isSuppressed(c) ? [] : [c]));
  return (
    <div className="note consistency-bias">
      <h3>{t("consistency.biasTitle")}</h3>
      <p className="small">{t("consistency.biasIntro")}</p>
      {isSuppressed(bias.overall) ? <Suppressed /> : <p>{biasText(bias.overall, i18n)}</p>}
      {channels.length > 0 ? (
        <TableScroll label={t("consistency.biasChannelsCaption")}>
          <table className="table compact">
            <caption>{t("consistency.biasChannelsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("consistency.channel")}</th>
                <th scope="col" className="num">
                  {t("consistency.toneAnswered")}
                </th>
                <th scope="col" className="num">
                  {t("consistency.toneUnanswered")}
                </th>
                <th scope="col" className="num">
                  {t("consistency.difference")}
                </th>
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => (
                <tr key={c.channel}>
                  <th scope="row">{channelName(c.channel, t)}</th>
                  <td className="num">{signed(c.answered.value, 2)}</td>
                  <td className="num">{signed(c.unanswered.value, 2)}</td>
                  <td className={`num ${c.difference.significant ? "strong" : ""}`}>
                    {signed(c.difference.difference, 2)}
                    <span className="visually-hidden">
                      {" "}
                      ({c.difference.significant ? t("change.significant") : t("change.notSignificant")})
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <HiddenRows count={bias.byChannel.length - channels.length} />
    </div>
  );
}

/** The overview's non-response sentence (rate.bias*), for one comparison. */
function biasText(c: ToneComparison, { t }: I18n): string {
  const d = c.difference;
  const verdict = d.significant ? t("change.significant") : t("change.notSignificant");
  if (!d.significant) return t("rate.biasSame", { verdict });
  return t((d.difference ?? 0) > 0 ? "rate.biasMorePositive" : "rate.biasMoreNegative", { verdict });
}
