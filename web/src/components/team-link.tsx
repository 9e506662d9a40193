import type { ExLinkResult } from "../api-types.ts";
import type { Translate } from "../i18n/i18n-context.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";

export type LaggedLink = ExLinkResult["links"][number];
type TeamLink = Exclude<ExLinkResult["teams"][number], { suppressed: true }>;

/** Team-months a lag needs before it is read at all (src/workflows/exlink-report.ts MIN_PAIRS). */
const MIN_PAIRS = 10;

/**
 * What the lagged correlations say, in the current language: the same reading as the report's
 * `conclusion` (src/workflows/exlink-report.ts linkConclusion), built from its figures so that it
 * can be said in Finnish too.
 */
export function linkStatement(
  links: readonly LaggedLink[],
  t: Translate,
  num: (v: number | null | undefined, digits?: number) => string,
): string {
  const usable = links.filter((l) => l.outcome === "nps" && l.pearson.n >= MIN_PAIRS);
  if (usable.length === 0) return t("teamsPage.cannotFew", { min: MIN_PAIRS });
  const significant = usable.filter((l) => l.pearson.significant && (l.pearson.r ?? 0) > 0);
  if (significant.length === 0) return t("teamsPage.cannotNone");
  const best = significant.reduce((a, b) => ((b.pearson.r ?? 0) > (a.pearson.r ?? 0) ? b : a));
  const distinct = usable.every(
    (l) => l === best || (l.pearson.r ?? Number.NEGATIVE_INFINITY) < (best.pearson.low ?? 0),
  );
  return t(distinct ? "teamsPage.linkDistinct" : "teamsPage.linkBlurred", {
    lag: best.lag,
    r: num(best.pearson.r, 2),
    low: num(best.pearson.low, 2),
    high: num(best.pearson.high, 2),
    n: num(best.pearson.n, 0),
  });
}

/** A team's change points in words (src/workflows/exlink-report.ts teamConclusion), in the current language. */
export function teamStatement(team: TeamLink, t: Translate, month: (key: string) => string): string {
  const enps = team.enpsChange;
  const nps = team.npsChange;
  if (!enps && !nps) return t("teamsPage.noShift");
  if (enps && nps && team.leadMonths !== null) {
    const fell = (enps.test.difference ?? 0) < 0;
    const values = { enpsMonth: month(enps.month), npsMonth: month(nps.month), month: month(nps.month) };
    if (team.leadMonths > 0)
      return t(fell ? "teamsPage.ledFell" : "teamsPage.ledRose", { ...values, lead: team.leadMonths });
    if (team.leadMonths === 0) return t(fell ? "teamsPage.sameFell" : "teamsPage.sameRose", values);
    return t(fell ? "teamsPage.npsFirstFell" : "teamsPage.npsFirstRose", values);
  }
  return enps
    ? t("teamsPage.onlyEnps", { month: month(enps.month) })
    : t("teamsPage.onlyNps", { month: month((nps as NonNullable<typeof nps>).month) });
}

/** The correlations by lag and outcome (Pearson r with its Fisher-z interval), the figures behind the statement. */
export function LagTable({
  links,
  caption,
  outcomes = ["nps", "tone"],
  hideCaption = false,
}: {
  links: readonly LaggedLink[];
  caption: string;
  outcomes?: readonly ("nps" | "tone")[];
  /** The caption for screen readers only (a heading above already says it). */
  hideCaption?: boolean;
}) {
  const { t, num, signed } = useI18n();
  const rows = links.filter((l) => outcomes.includes(l.outcome));
  return (
    <div className="table-scroll team-scroll">
      <table className="table compact team-lags">
        <caption className={hideCaption ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("teamsPage.outcome")}</th>
            <th scope="col" className="num">
              {t("teamsPage.lag")}
            </th>
            <th scope="col" className="num">
              {t("teamsPage.r")}
            </th>
            <th scope="col" className="num">
              {t("teamsPage.interval")}
            </th>
            <th scope="col" className="num">
              <abbr title={t("teamsPage.pairs")}>n</abbr>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l) => (
            <tr key={`${l.outcome}-${l.lag}`} className={l.pearson.significant ? "strong" : undefined}>
              <th scope="row">{t(l.outcome === "nps" ? "teamsPage.outcomeNps" : "teamsPage.outcomeTone")}</th>
              <td className="num">{t("teamsPage.lagMonths", { lag: l.lag })}</td>
              {l.pearson.warning ? (
                // Untested (too few months, or no variation): no r to show, only why.
                <>
                  <td className="num">–</td>
                  <td className="num muted small">
                    {l.pearson.warning === "no variation"
                      ? t("teamsPage.noVariation")
                      : t("teamsPage.tooFewMonths")}
                  </td>
                </>
              ) : (
                <>
                  <td className="num">
                    {signed(l.pearson.r, 2)}
                    <span className="visually-hidden">
                      {" "}
                      ({l.pearson.significant ? t("change.significant") : t("change.notSignificant")})
                    </span>
                  </td>
                  <td className="num muted">
                    {signed(l.pearson.low, 2)} … {signed(l.pearson.high, 2)}
                  </td>
                </>
              )}
              <td className="num">{num(l.pearson.n, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t("teamsPage.boldNote")}</p>
    </div>
  );
}
