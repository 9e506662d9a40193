import {
  type DriversResult,
  isSuppressed,
  type ResponseRateResult,
  type ThemesResult,
} from "../api-types.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { follow, ImpactCell, themeHref } from "../pages/themes-shared.tsx";
import { useLocation } from "../router.ts";
import { channelName } from "./dimension-names.ts";
import { IntervalOrPending, intervalsPending } from "./interval-text.tsx";
import { Empty, HiddenRows, Suppressed } from "./status.tsx";
import { TableScroll } from "./table-scroll.tsx";

const TOP = 5;

/** The overall response rate, per channel, and whether the customers who answer sound like those who don't. */
export function ResponseRatePanel({ report }: { report: ResponseRateResult }) {
  const { t, num } = useI18n();
  if (isSuppressed(report)) return <Suppressed />;
  if (report.invited === 0) return <Empty />;
  const bias = report.nonResponseBias.overall;
  let note: string | null = null;
  if (!isSuppressed(bias)) {
    const d = bias.difference;
    const verdict = d.significant ? t("change.significant") : t("change.notSignificant");
    note = !d.significant
      ? t("rate.biasSame", { verdict })
      : t((d.difference ?? 0) > 0 ? "rate.biasMorePositive" : "rate.biasMoreNegative", { verdict });
  }
  return (
    <>
      <p className="metric-value">
        {num(report.value, 1)}
        <span className="metric-unit">%</span>
      </p>
      <p className="metric-interval">
        {t("metric.interval", { low: num(report.low, 1), high: num(report.high, 1) })}
        <span className="dot" aria-hidden="true">
          ·
        </span>
        {t("rate.value", { answered: num(report.answered, 0), invited: num(report.invited, 0) })}
      </p>
      {report.groups.length > 0 ? (
        <table className="table compact">
          <caption>{t("rate.byChannel")}</caption>
          <Head
            columns={[
              [t("filters.channel"), false],
              ["%", true],
              [t("themes.interval"), true],
            ]}
          />
          <tbody>
            {report.groups.map((g) => (
              <tr key={g.group ?? ""}>
                <th scope="row">{channelName(g.group, t)}</th>
                {isSuppressed(g) ? (
                  <td colSpan={2} className="muted">
                    {t("state.suppressed")}
                  </td>
                ) : (
                  <>
                    <td className="num">{num(g.value, 1)}</td>
                    <td className="num muted">
                      {num(g.low, 1)} … {num(g.high, 1)}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {note ? (
        <div className="note">
          <h4>{t("rate.biasTitle")}</h4>
          <p>{note}</p>
        </div>
      ) : null}
    </>
  );
}

/** The themes that move NPS most (largest |impact| first), with the interval and whether it is significant. */
export function TopThemes({ report }: { report: ThemesResult }) {
  const { t, num, signed, lang } = useI18n();
  const url = useLocation();
  const pending = intervalsPending(report);
  // A theme no survey answer mentions (it is in encounters only) has no NPS impact to rank by.
  const top = report.themes
    .flatMap((x) => (isSuppressed(x) || x.answers === 0 ? [] : [x]))
    .sort((a, b) => Math.abs(b.npsImpact.value ?? 0) - Math.abs(a.npsImpact.value ?? 0))
    .slice(0, TOP);
  const hidden = report.themes.filter(isSuppressed).length;
  if (top.length === 0) return hidden > 0 ? <Suppressed /> : <Empty />;
  return (
    <>
      <TableScroll label={t("themes.theme")}>
        <table className="table">
          <Head
            columns={[
              [t("themes.theme"), false],
              [t("themes.impact"), true],
              [t("themes.interval"), true],
              [t("themes.answers"), true],
            ]}
          />
          <tbody>
            {top.map((x) => (
              <tr key={x.theme}>
                <th scope="row">
                  <a href={themeHref(x.theme, url.searchParams)} onClick={follow}>
                    {x.name[lang]}
                  </a>
                  {x.emerging ? <span className="badge badge-info">{t("themes.emerging")}</span> : null}
                </th>
                <ImpactCell theme={x} pending={pending} />
                <td className="num muted" data-interval>
                  <IntervalOrPending pending={pending} low={x.npsImpact.low} high={x.npsImpact.high}>
                    {signed(x.npsImpact.low, 1)} … {signed(x.npsImpact.high, 1)}
                  </IntervalOrPending>
                </td>
                <td className="num">{num(x.answers, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <HiddenRows count={hidden} />
    </>
  );
}

/** The most important drivers of NPS: share of R², its interval, and the quadrant they fall in. */
export function TopDrivers({ report }: { report: DriversResult }) {
  const { t, num, lang } = useI18n();
  const top = report.drivers
    .flatMap((d) => (isSuppressed(d) ? [] : [d]))
    .sort((a, b) => b.importance - a.importance)
    .slice(0, TOP);
  if (top.length === 0) return report.drivers.length > 0 ? <Suppressed /> : <Empty />;
  const hidden = report.drivers.filter(isSuppressed).length;
  const pct = (importance: number) => (report.r2 > 0 ? (100 * importance) / report.r2 : Number.NaN);
  const pending = intervalsPending(report);
  return (
    <>
      <table className="table">
        <Head
          columns={[
            [t("drivers.driver"), false],
            [t("drivers.importance"), true],
            [t("themes.interval"), true],
            [t("drivers.quadrant"), false],
          ]}
        />
        <tbody>
          {top.map((d) => (
            <tr key={d.driver}>
              <th scope="row">{d.name[lang]}</th>
              <td className="num">
                <span
                  className="bar"
                  style={{ width: `${Math.min(100, pct(d.importance))}%` }}
                  aria-hidden="true"
                />
                {num(pct(d.importance), 0)} %
              </td>
              <td className="num muted" data-interval>
                <IntervalOrPending pending={pending} low={d.low} high={d.high}>
                  {d.low === null || d.high === null
                    ? "…"
                    : `${num(pct(d.low), 0)} … ${num(pct(d.high), 0)} %`}
                </IntervalOrPending>
              </td>
              <td>
                <span className={`badge quadrant-${d.quadrant}`}>{d.quadrantName[lang]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <HiddenRows count={hidden} />
    </>
  );
}

/** A table's column headings; `true` marks a numeric column (right-aligned). */
function Head({ columns }: { columns: [string, boolean][] }) {
  return (
    <thead>
      <tr>
        {columns.map(([label, numeric]) => (
          <th key={label} scope="col" className={numeric ? "num" : undefined}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
