import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { Await } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { echarts } from "../echarts.ts";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useQuery } from "../router.ts";
import { useMe } from "../session.ts";
import { useApi } from "../use-api.ts";
import { scoreLabel } from "./qa-review-form.tsx";
import type { Overrides, Review, Trend } from "./qa-types.ts";

/** The trend tab: an agent's monthly QA total with its interval, and their reviews. Agents see their own. */
export function TrendPanel() {
  const { t } = useI18n();
  const id = useId();
  const me = useMe();
  const [query, setQuery] = useQuery();
  const own = me?.role === "agent";
  const agent = own ? (me?.agent ?? null) : query.get("agent");
  const [typed, setTyped] = useState(agent ?? "");
  const show = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ agent: typed.trim() || null }, { replace: true });
  };
  return (
    <div className="qa-trend">
      <h2>{t(own ? "qa.trend.ownTitle" : "qa.trend.title")}</h2>
      {own ? null : (
        <form className="filter-bar" onSubmit={show} aria-label={t("qa.trend.title")}>
          <div className="field">
            <label htmlFor={`${id}-agent`}>{t("qa.trend.agent")}</label>
            <input id={`${id}-agent`} value={typed} onChange={(e) => setTyped(e.target.value)} />
          </div>
          <button type="submit" className="button button-secondary">
            {t("qa.trend.show")}
          </button>
        </form>
      )}
      {agent ? <AgentTrend key={agent} agent={agent} /> : <p className="muted">{t("qa.trend.pickAgent")}</p>}
    </div>
  );
}

function AgentTrend({ agent }: { agent: string }) {
  const { t, num, date } = useI18n();
  const tt = t as (key: MessageKey, v?: Record<string, string | number>) => string;
  const trend = useApi<Trend>(`/qa/agents/${encodeURIComponent(agent)}/trend`);
  const reviews = useApi<{ items: Review[] }>(`/qa/reviews?agent=${encodeURIComponent(agent)}&limit=50`);
  return (
    <>
      <Await loaded={trend}>
        {(data) =>
          data.months.length === 0 ? (
            <p className="status status-empty">{t("qa.trend.none")}</p>
          ) : (
            <>
              <TrendChart data={data} />
              <TableScroll label={t("qa.trend.caption")}>
                <table className="table compact">
                  <caption className="visually-hidden">{t("qa.trend.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("qa.trend.month")}</th>
                      <th scope="col" className="num">
                        {t("qa.trend.mean")}
                      </th>
                      <th scope="col">{t("qa.trend.interval")}</th>
                      <th scope="col" className="num">
                        {t("qa.trend.n")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.months.map((m) => (
                      <tr key={m.month} data-month={m.month}>
                        <th scope="row">{m.month}</th>
                        <td className="num">{num(m.mean, 1)}</td>
                        <td>
                          {m.low === null ? t("qa.trend.noInterval") : `${num(m.low, 1)} … ${num(m.high, 1)}`}
                        </td>
                        <td className="num">{m.n}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          )
        }
      </Await>
      <h3>{t("qa.trend.reviews")}</h3>
      <Await loaded={reviews}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="status status-empty">{t("qa.trend.noReviews")}</p>
          ) : (
            <TableScroll label={t("qa.trend.reviewsCaption")}>
              <table className="table compact qa-reviews">
                <caption className="visually-hidden">{t("qa.trend.reviewsCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("qa.trend.date")}</th>
                    <th scope="col">{t("qa.review.scorecard")}</th>
                    <th scope="col" className="num">
                      {t("qa.trend.total")}
                    </th>
                    <th scope="col">{t("qa.trend.reviewer")}</th>
                    <th scope="col">{t("qa.review.comment")}</th>
                    <th scope="col">{t("qa.trend.criteria")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => (
                    <tr key={r.id} data-review={r.id}>
                      <th scope="row" className="nowrap">
                        <a href={`/encounters/${encodeURIComponent(r.encounter_id)}`}>
                          {date(r.encounter_at)}
                        </a>
                      </th>
                      <td>{r.scorecard.name}</td>
                      <td className="num">
                        {num(r.total, 1)}
                        {r.critical_failed ? (
                          <span className="badge qa-critical">{t("qa.trend.criticalFailed")}</span>
                        ) : null}
                      </td>
                      <td>{r.reviewer}</td>
                      <td>{r.comment ?? ""}</td>
                      <td>
                        <details className="qa-review-scores">
                          <summary>{t("qa.trend.showScores", { n: r.scores.length })}</summary>
                          <ul>
                            {r.scores.map((s) => (
                              <li key={s.criterion} data-criterion={s.criterion}>
                                {t("qa.trend.scoreLine", { name: s.name, score: scoreLabel(s, s.score, tt) })}
                                {s.auto_score !== null
                                  ? ` · ${t(s.overridden ? "qa.trend.autoChanged" : "qa.trend.autoKept", {
                                      auto: scoreLabel(s, s.auto_score, tt),
                                    })}`
                                  : ""}
                                {s.evidence_seq !== null
                                  ? ` · ${t("qa.review.turn", { seq: s.evidence_seq + 1 })}`
                                  : ""}
                              </li>
                            ))}
                          </ul>
                        </details>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </Await>
    </>
  );
}

/** The monthly mean total as a line, each month's 95% interval as a vertical bar through it. */
function TrendChart({ data }: { data: Trend }) {
  const { t, num } = useI18n();
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, null, { renderer: "svg" });
    const months = data.months.map((m) => m.month);
    instance.setOption({
      animation: false,
      grid: { left: 44, right: 16, top: 24, bottom: 32 },
      tooltip: {
        trigger: "axis",
        formatter: (items: { dataIndex: number }[]) => {
          const m = data.months[items[0]?.dataIndex ?? -1];
          if (!m) return "";
          const interval = m.low === null ? t("qa.trend.noInterval") : `${num(m.low, 1)} … ${num(m.high, 1)}`;
          return `${m.month}<br/>${t("qa.trend.mean")} ${num(m.mean, 1)}<br/>${t("qa.trend.interval")} ${interval}<br/>n = ${m.n}`;
        },
      },
      xAxis: {
        type: "category",
        data: months,
        axisLabel: { color: "#5b6472" },
        axisLine: { lineStyle: { color: "#c4cbd6" } },
      },
      yAxis: {
        type: "value",
        min: 0,
        max: 100,
        axisLabel: { color: "#5b6472", formatter: (v: number) => num(v, 0) },
        splitLine: { lineStyle: { color: "#eef0f4" } },
      },
      series: [
        {
          name: t("qa.trend.mean"),
          type: "line",
          data: data.months.map((m) => m.mean),
          symbolSize: 8,
          lineStyle: { width: 2.5, color: "#1f5fbf" },
          itemStyle: { color: "#1f5fbf" },
          markLine: {
            silent: true,
            symbol: ["none", "none"],
            label: { show: false },
            lineStyle: { color: "#7fa3d9", width: 6, type: "solid", opacity: 0.6 },
            data: data.months.flatMap((m) =>
              m.low !== null && m.high !== null
                ? [[{ coord: [m.month, m.low] }, { coord: [m.month, m.high] }]]
                : [],
            ),
          },
        },
      ],
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, [data, t, num]);
  const summary = t("qa.trend.chartSummary", {
    months: data.months
      .map((m) =>
        m.low === null
          ? `${m.month} ${num(m.mean, 1)}`
          : `${m.month} ${num(m.mean, 1)} (${num(m.low, 1)} … ${num(m.high, 1)})`,
      )
      .join("; "),
  });
  return (
    <div
      ref={element}
      className="qa-trend-chart"
      role="img"
      aria-label={summary}
      data-testid="qa-trend-chart"
    />
  );
}

/** The overrides tab: per criterion, how often reviewers changed AutoQA's score. */
export function OverridesPanel() {
  const { t, num } = useI18n();
  const loaded = useApi<Overrides>("/qa/overrides");
  return (
    <div className="qa-overrides">
      <h2>{t("qa.ov.title")}</h2>
      <p className="small muted">{t("qa.ov.intro")}</p>
      <Await loaded={loaded}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="status status-empty">{t("qa.ov.none")}</p>
          ) : (
            <TableScroll label={t("qa.ov.caption")}>
              <table className="table">
                <caption className="visually-hidden">{t("qa.ov.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("qa.review.scorecard")}</th>
                    <th scope="col">{t("qa.review.criterion")}</th>
                    <th scope="col" className="num">
                      {t("qa.ov.n")}
                    </th>
                    <th scope="col" className="num">
                      {t("qa.ov.changed")}
                    </th>
                    <th scope="col">{t("qa.ov.share")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={`${i.scorecard_id}/${i.criterion}`} data-criterion={i.criterion}>
                      <td>{i.scorecard}</td>
                      <th scope="row">
                        {i.name}
                        {i.behaviour ? (
                          <span className="small muted">
                            {" "}
                            · {t(`qa.behaviour.${i.behaviour}` as MessageKey)}
                          </span>
                        ) : null}
                      </th>
                      <td className="num">{i.n}</td>
                      <td className="num">{i.overridden}</td>
                      <td>
                        {t("qa.ov.shareValue", {
                          value: num(i.share.value, 0),
                          low: num(i.share.low, 0),
                          high: num(i.share.high, 0),
                        })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </Await>
    </div>
  );
}
