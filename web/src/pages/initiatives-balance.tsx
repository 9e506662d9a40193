import { TableScroll } from "../components/table-scroll.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";
import { euros } from "./initiatives-list.tsx";
import type { GoalMix, Portfolio } from "./initiatives-types.ts";

/** The goal mix by euros of the chosen portfolio and of what is planned, and the warnings the API raises. */
export function Balance({
  portfolio: p,
  titles,
}: {
  portfolio: Portfolio;
  titles: (ids: readonly string[]) => string;
}) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const rows: [string, "portfolio" | "planned", GoalMix][] = [
    [t("initiatives.mixPortfolio"), "portfolio", p.balance.portfolio],
    [t("initiatives.mixPlanned"), "planned", p.balance.planned],
  ];
  const share = (m: GoalMix) => (m.efficiencyShare === null ? "–" : `${num(m.efficiencyShare * 100, 0)} %`);
  const warned = rows.filter(([, , m]) => m.mostlyEfficiency);
  return (
    <>
      <h3>{t("initiatives.balanceTitle")}</h3>
      <TableScroll label={t("initiatives.balanceCaption")}>
        <table className="table compact initiatives-balance">
          <caption className="visually-hidden">{t("initiatives.balanceCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t("initiatives.balanceCaption")}</span>
              </th>
              <th scope="col" className="num">
                {t("initiatives.goal.cx")}
              </th>
              <th scope="col" className="num">
                {t("initiatives.goal.both")}
              </th>
              <th scope="col" className="num">
                {t("initiatives.goal.efficiency")}
              </th>
              <th scope="col" className="num">
                {t("initiatives.efficiencyShare")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, key, m]) => (
              <tr key={key} data-mix={key}>
                <th scope="row">
                  {label}
                  <MixBar mix={m} />
                </th>
                <td className="num">{euros(i18n, m.cx)}</td>
                <td className="num">{euros(i18n, m.both)}</td>
                <td className="num">{euros(i18n, m.efficiency)}</td>
                <td className="num">{share(m)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {warned.map(([, key, m]) => (
        <p key={key} className="initiatives-warning" data-testid={`balance-warning-${key}`}>
          {t("initiatives.mostlyEfficiency", {
            which: t(`initiatives.mostlyEfficiency.${key}`),
            share: share(m),
          })}
        </p>
      ))}
      {warned.length === 0 && p.selected.length > 0 ? (
        <p className="small muted">{t("initiatives.balanced")}</p>
      ) : null}
      {p.balance.noMeasurableEffect.length > 0 ? (
        <p className="initiatives-warning" data-testid="balance-no-effect">
          {t("initiatives.noEffectList", { titles: titles(p.balance.noMeasurableEffect) })}
        </p>
      ) : null}
    </>
  );
}

/** The mix drawn as one stacked bar; decoration, the table's figures say it. */
function MixBar({ mix }: { mix: GoalMix }) {
  const total = mix.cx + mix.both + mix.efficiency;
  if (total <= 0) return null;
  const pct = (x: number) => `${((x / total) * 100).toFixed(1)}%`;
  return (
    <span className="initiatives-mix" aria-hidden="true">
      <span className="initiatives-mix-cx" style={{ width: pct(mix.cx) }} />
      <span className="initiatives-mix-both" style={{ width: pct(mix.both) }} />
      <span className="initiatives-mix-efficiency" style={{ width: pct(mix.efficiency) }} />
    </span>
  );
}
