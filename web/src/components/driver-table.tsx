import type { MouseEvent } from "react";
import { type DriversResult, isSuppressed } from "../api-types.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { navigate } from "../router.ts";
import { QUADRANT_STYLE, sharePct } from "./driver-quadrant-chart.tsx";
import { IntervalOrPending, intervalsPending } from "./interval-text.tsx";
import { TableScroll } from "./table-scroll.tsx";

type Area = DriversResult["areas"][number];

/**
 * The theme whose encounters belong to a driver, as the encounter list can filter them (`?theme=`):
 * a theme driver its own theme; an operational factor (waitMinutes, transfers, …) the theme of the
 * area the report puts it in (waitMinutes → waiting); null when its area has no theme (repeat contact).
 */
export function driverTheme(report: DriversResult, driver: string): string | null {
  if (driver.startsWith("theme:")) return driver.slice("theme:".length);
  const area = report.areas.find((a) => a.drivers.includes(driver));
  const theme = area?.drivers.find((d) => d.startsWith("theme:"));
  return theme ? theme.slice("theme:".length) : null;
}

/** The encounter list for a theme, keeping the page's shared filters (period, team, channel, language). */
export function encountersHref(theme: string): string {
  const q = new URLSearchParams(location.search);
  q.delete("target");
  q.set("theme", theme);
  return `/encounters?${q.toString()}`;
}

/** Every driver: importance with its 95% interval, share, performance, quadrant and a link to its encounters. */
export function DriverTable({ report, links }: { report: DriversResult; links: boolean }) {
  const { t, num, lang } = useI18n();
  const pending = intervalsPending(report);
  const themeNames = new Map<string, string>();
  for (const d of report.drivers)
    if (d.driver.startsWith("theme:")) themeNames.set(d.driver.slice(6), d.name[lang]);
  const sorted = [...report.drivers].sort((a, b) =>
    isSuppressed(a) || isSuppressed(b)
      ? Number(isSuppressed(a)) - Number(isSuppressed(b))
      : b.importance - a.importance,
  );
  const open = (event: MouseEvent, href: string) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
    document.getElementById("main")?.focus();
  };
  return (
    <TableScroll className="driver-scroll" label={t("driversPage.tableTitle")}>
      <table className="table driver-table">
        <caption className="visually-hidden">{t("driversPage.tableTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("driversPage.driver")}</th>
            <th scope="col" className="num">
              {t("driversPage.importance")}
            </th>
            <th scope="col" className="num">
              {t("driversPage.interval")}
            </th>
            <th scope="col" className="num">
              {t("driversPage.share")}
            </th>
            <th scope="col" className="num">
              {t("driversPage.performance")}
            </th>
            <th scope="col">{t("driversPage.quadrant")}</th>
            <th scope="col" className="num">
              {t("driversPage.answers")}
            </th>
            {links ? <th scope="col">{t("driversPage.encounters")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {sorted.map((d) => {
            if (isSuppressed(d)) {
              return (
                <tr key={d.driver} data-driver={d.driver}>
                  <th scope="row">{d.name[lang]}</th>
                  <td colSpan={links ? 7 : 6} className="muted status-suppressed">
                    {t("state.suppressed")}
                  </td>
                </tr>
              );
            }
            const share = sharePct(report, d);
            const theme = driverTheme(report, d.driver);
            const href = theme ? encountersHref(theme) : null;
            const style = QUADRANT_STYLE[d.quadrant];
            return (
              <tr key={d.driver} data-driver={d.driver}>
                <th scope="row">{d.name[lang]}</th>
                <td className="num">{num(d.importance, 3)}</td>
                <td className="num muted" data-testid="driver-interval" data-interval>
                  <IntervalOrPending pending={pending} low={d.low} high={d.high}>
                    {num(d.low, 3)} … {num(d.high, 3)}
                  </IntervalOrPending>
                </td>
                <td className="num">
                  <span
                    className="bar"
                    style={{ width: `${Math.min(100, share ?? 0)}%` }}
                    aria-hidden="true"
                  />
                  {num(share, 1)} %
                </td>
                <td className="num">{d.performance === null ? "–" : `${num(d.performance, 0)} %`}</td>
                <td>
                  <span className={`badge quadrant-${d.quadrant}`}>
                    <svg className="driver-shape" viewBox="0 0 10 10" aria-hidden="true">
                      <Shape symbol={style.symbol} color={style.color} />
                    </svg>
                    {d.quadrantName[lang]}
                  </span>
                </td>
                <td className="num">{num(d.n, 0)}</td>
                {links ? (
                  <td>
                    {href && theme ? (
                      <a className="driver-link" href={href} onClick={(e) => open(e, href)}>
                        {d.driver.startsWith("theme:") ? (
                          <>
                            {t("driversPage.showEncounters")}
                            <span className="visually-hidden">
                              {": "}
                              {t("driversPage.encountersOf", { theme: themeNames.get(theme) ?? theme })}
                            </span>
                          </>
                        ) : (
                          t("driversPage.encountersOf", { theme: themeNames.get(theme) ?? theme })
                        )}
                      </a>
                    ) : (
                      <span className="muted">
                        <span aria-hidden="true">–</span>
                        <span className="visually-hidden">{t("driversPage.noFilter")}</span>
                      </span>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Shape({ symbol, color }: { symbol: string; color: string }) {
  if (symbol === "triangle") return <polygon points="5,0 10,10 0,10" fill={color} />;
  if (symbol === "diamond") return <polygon points="5,0 10,5 5,10 0,5" fill={color} />;
  if (symbol === "rect") return <rect width="10" height="10" fill={color} />;
  return <circle cx="5" cy="5" r="5" fill={color} />;
}

/** Importance summed per area or taxonomy group, with its interval and the drivers it holds. */
export function DriverRollup({
  report,
  rows,
  label,
  caption,
  wide = false,
}: {
  report: DriversResult;
  rows: Area[];
  label: string;
  caption: string;
  /** The drivers in a column of their own (else in small type under the name). */
  wide?: boolean;
}) {
  const { t, num, lang } = useI18n();
  const names = new Map(report.drivers.map((d) => [d.driver, d.name[lang]]));
  const pct = (x: number) => (report.r2 > 0 ? (100 * x) / report.r2 : null);
  const members = (a: Area) => a.drivers.map((d) => names.get(d) ?? d).join(", ");
  const pending = intervalsPending(report);
  return (
    <TableScroll className="driver-scroll" label={caption}>
      <table className="table compact driver-rollup">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col" className="num">
              {t("driversPage.share")}
            </th>
            <th scope="col" className="num">
              {t("driversPage.interval")}
            </th>
            {wide ? <th scope="col">{t("driversPage.includes")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.area}>
              <th scope="row">
                {a.name[lang]}
                {wide || (a.drivers.length === 1 && names.get(a.drivers[0] ?? "") === a.name[lang]) ? null : (
                  <span className="driver-members">{members(a)}</span>
                )}
              </th>
              <td className="num">{num(pct(a.importance), 1)} %</td>
              <td className="num muted" data-interval>
                <IntervalOrPending pending={pending} low={a.low} high={a.high}>
                  {shareInterval(a, pct, num)}
                </IntervalOrPending>
              </td>
              {wide ? <td className="small">{members(a)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * An area's share interval: the bootstrap's own interval of the share (each replicate's importance
 * over its own R²) where the report has it; a report stored before it had only the importance's
 * interval, whose ends over the point R² could pass 100 %, so those are kept within 0–100 %.
 */
function shareInterval(
  a: Area,
  pct: (x: number) => number | null,
  num: (x: number | null | undefined, digits: number) => string,
): string {
  if (typeof a.shareLow === "number" && typeof a.shareHigh === "number")
    return `${num(a.shareLow, 1)} … ${num(a.shareHigh, 1)} %`;
  if (a.low === null || a.high === null) return "…";
  const clip = (x: number | null) => (x === null ? null : Math.min(100, Math.max(0, x)));
  return `${num(clip(pct(a.low)), 1)} … ${num(clip(pct(a.high)), 1)} %`;
}
