import { useEffect, useId, useState } from "react";
import { Await } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useQuery } from "../router.ts";
import { Balance } from "./initiatives-balance.tsx";
import { useFresh } from "./initiatives-data.ts";
import { euros, gainText } from "./initiatives-list.tsx";
import { GOALS, type Goal, type Initiative, type Portfolio } from "./initiatives-types.ts";

/** How long the budget rests before the portfolio is asked for: a dragged slider asks once. */
const DEBOUNCE_MS = 300;

/** Open initiatives: what a portfolio chooses from (workflows/initiatives.ts candidatesFor). */
const isOpen = (i: Initiative) => i.status !== "done" && i.status !== "dropped";

/** A first budget that makes the choice visible: half of what every open initiative would cost. */
function firstBudget(items: readonly Initiative[]): number {
  const total = items.filter(isOpen).reduce((s, i) => s + i.cost, 0);
  return total > 0 ? Math.max(1000, Math.round(total / 2 / 1000) * 1000) : 50_000;
}

/** A slider step of about a hundredth of its range, rounded to 1, 10, 100, 1000 … euros. */
function stepOf(max: number): number {
  return max >= 1000 ? 10 ** Math.floor(Math.log10(max / 100)) : 1;
}

/** The budget (slider and number, in the address as ?budget=) and the optimal portfolio it buys. */
export function PortfolioPanel({
  items,
  version,
  period,
}: {
  items: readonly Initiative[];
  version: number;
  /** The chosen period as a query ("?from=…&to=…", or "" for the whole history). */
  period: string;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const id = useId();
  const [params, setParams] = useQuery();
  const asked = Number(params.get("budget"));
  const [budget, setBudget] = useState(() =>
    params.get("budget") && Number.isInteger(asked) && asked >= 0 ? asked : firstBudget(items),
  );
  const [settled, setSettled] = useState(budget);
  const goalParam = params.get("goal");
  const goal = GOALS.includes(goalParam as Goal) ? (goalParam as Goal) : null;
  useEffect(() => {
    const timer = setTimeout(() => setSettled(budget), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [budget]);
  useEffect(() => {
    if (params.get("budget") !== String(settled)) setParams({ budget: String(settled) }, { replace: true });
  }, [settled, params, setParams]);
  const open = items.filter(isOpen);
  const total = open.reduce((s, i) => s + i.cost, 0);
  const step = stepOf(Math.max(total, 1000));
  const max = Math.max(Math.ceil(total / step) * step, Math.ceil(budget / step) * step, 10 * step);
  const periodParams = period.replace(/^\?/, "&");
  const path = `/initiatives/portfolio?budget=${settled}${goal ? `&goal=${goal}` : ""}${periodParams}`;
  const result = useFresh<Portfolio>(path, version);
  // The document shows the portfolio on screen: the same budget and goal, in the UI's language.
  const caseHref = `/api/v1/initiatives/business-case?budget=${settled}${goal ? `&goal=${goal}` : ""}${periodParams}&lang=${lang}`;
  return (
    <section className="card initiatives-portfolio" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("initiatives.portfolioTitle")}</h2>
      <p className="small muted">{t("initiatives.portfolioIntro")}</p>
      <div className="filter-bar initiatives-budget">
        <div className="field initiatives-budget-slider">
          <label htmlFor={`${id}-slider`}>{t("initiatives.budgetSlider")}</label>
          <input
            id={`${id}-slider`}
            type="range"
            min={0}
            max={max}
            step={step}
            value={Math.min(budget, max)}
            aria-valuetext={euros(i18n, budget)}
            onChange={(e) => setBudget(Number(e.target.value))}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-budget`}>{t("initiatives.budget")}</label>
          <input
            id={`${id}-budget`}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={budget}
            onChange={(e) => {
              const n = Number(e.target.value);
              if (e.target.value !== "" && Number.isInteger(n) && n >= 0) setBudget(n);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-goal`}>{t("initiatives.goalFilter")}</label>
          <select
            id={`${id}-goal`}
            value={goal ?? ""}
            onChange={(e) => setParams({ goal: e.target.value || null }, { replace: true })}
          >
            <option value="">{t("initiatives.anyGoal")}</option>
            {GOALS.map((g) => (
              <option key={g} value={g}>
                {t(`initiatives.goal.${g}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="initiatives-links">
        <a href={caseHref} target="_blank" rel="noopener" data-testid="business-case">
          {t("initiatives.businessCase")}
        </a>
        <a href={`${caseHref}&format=pdf`} target="_blank" rel="noopener">
          {t("initiatives.businessCasePdf")}
        </a>
      </p>
      <Await loaded={result}>
        {(p) => <PortfolioView portfolio={p} items={items} busy={result.stale || settled !== budget} />}
      </Await>
    </section>
  );
}

function PortfolioView({
  portfolio: p,
  items,
  busy,
}: {
  portfolio: Portfolio;
  items: readonly Initiative[];
  busy: boolean;
}) {
  const i18n = useI18n();
  const { t, num, lang } = i18n;
  const byId = new Map(items.map((i) => [i.id, i]));
  const title = (id: string) => byId.get(id)?.title ?? id;
  const titles = (ids: readonly string[]) => ids.map(title).join(", ");
  const v = p.valueAtStake;
  return (
    <div
      className="initiatives-portfolio-result"
      aria-busy={busy}
      data-budget={p.budget}
      data-goal={p.goal ?? ""}
      data-selected={p.selected.join(" ")}
      data-testid="portfolio"
    >
      <p className="small muted initiatives-updating" role="status">
        {busy ? t("initiatives.updating") : ""}
      </p>
      <dl className="initiatives-tiles" aria-live="polite">
        <div className="initiatives-tile">
          <dt>{t("initiatives.chosenCount")}</dt>
          <dd className="initiatives-tile-value">{p.selected.length}</dd>
        </div>
        <div className="initiatives-tile">
          <dt>{t("initiatives.totalCost")}</dt>
          <dd className="initiatives-tile-value">{euros(i18n, p.totalCost)}</dd>
          <dd className="small muted">{t("initiatives.ofBudget", { budget: euros(i18n, p.budget) })}</dd>
        </div>
        <div className="initiatives-tile">
          <dt>{t("initiatives.totalGain")}</dt>
          <dd className="initiatives-tile-value" data-testid="portfolio-gain">
            {gainText(i18n, { value: p.totalGain, low: p.gainInterval.low, high: p.gainInterval.high })}
          </dd>
          <dd className="small muted">{t("initiatives.gainHint")}</dd>
        </div>
        <div className="initiatives-tile">
          <dt>{t("initiatives.portfolioValue")}</dt>
          <dd className="initiatives-tile-value">{euros(i18n, v.portfolioValueEur)}</dd>
          <dd className="small muted">
            {t("initiatives.valueInterval", {
              low: euros(i18n, v.portfolioValueIntervalEur.low),
              high: euros(i18n, v.portfolioValueIntervalEur.high),
            })}
          </dd>
        </div>
      </dl>
      <h3>{t("initiatives.chosenTitle")}</h3>
      {p.selected.length === 0 ? (
        <p className="muted">{t("initiatives.chosenNone")}</p>
      ) : (
        <ol className="initiatives-chosen" data-testid="portfolio-chosen">
          {p.selected.map((sid) => {
            const item = byId.get(sid);
            return (
              <li key={sid} data-initiative={sid}>
                <span className="strong">{title(sid)}</span>
                {item ? (
                  <span className="small muted">
                    {" "}
                    ·{" "}
                    {t("initiatives.chosenItem", {
                      cost: euros(i18n, item.cost),
                      gain: gainText(i18n, item.gain),
                    })}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      <p className="small muted">{t(`initiatives.method.${p.method}`)}</p>

      <h3>{t("initiatives.sensitivityTitle")}</h3>
      <TableScroll label={t("initiatives.sensitivityCaption")}>
        <table className="table compact initiatives-sensitivity">
          <caption className="visually-hidden">{t("initiatives.sensitivityCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("initiatives.move")}</th>
              <th scope="col" className="num">
                {t("initiatives.budget")}
              </th>
              <th scope="col" className="num">
                {t("initiatives.totalGain")}
              </th>
              <th scope="col">{t("initiatives.added")}</th>
              <th scope="col">{t("initiatives.removed")}</th>
            </tr>
          </thead>
          <tbody>
            {p.alternatives.map((a) => (
              <tr key={a.move} data-move={a.move}>
                <th scope="row">{`${a.move > 0 ? "+" : "−"}${num(Math.abs(a.move) * 100, 0)} %`}</th>
                <td className="num">{euros(i18n, a.budget)}</td>
                <td className="num">{num(a.totalGain, 1)}</td>
                <td>{a.added.length ? titles(a.added) : <span className="muted">–</span>}</td>
                <td>{a.removed.length ? titles(a.removed) : <span className="muted">–</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h3>{t("initiatives.leftOutTitle")}</h3>
      {p.leftOut.length === 0 ? (
        <p className="muted">{t("initiatives.leftOutNone")}</p>
      ) : (
        <TableScroll label={t("initiatives.leftOutCaption")}>
          <table className="table compact initiatives-left-out">
            <caption className="visually-hidden">{t("initiatives.leftOutCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("initiatives.initiative")}</th>
                <th scope="col" className="num">
                  {t("initiatives.cost")}
                </th>
                <th scope="col">{t("initiatives.gain")}</th>
                <th scope="col">{t("initiatives.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {p.leftOut.map((o) => {
                const item = byId.get(o.id);
                return (
                  <tr key={o.id} data-initiative={o.id} data-reason={o.reason}>
                    <th scope="row">{title(o.id)}</th>
                    <td className="num">{euros(i18n, item?.cost)}</td>
                    <td>{item ? gainText(i18n, item.gain) : "–"}</td>
                    <td>{t(`initiatives.reason.${o.reason}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Balance portfolio={p} titles={titles} />
      <section className="note initiatives-caveats" aria-label={t("initiatives.caveatsTitle")}>
        {p.caveats.map((c) => (
          <p key={c.id} data-caveat={c.id}>
            {c.text[lang]}
          </p>
        ))}
      </section>
    </div>
  );
}
