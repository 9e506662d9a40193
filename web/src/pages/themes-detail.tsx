import { type ReactNode, useId, useState } from "react";
import { api, query } from "../api.ts";
import {
  type EncounterPage,
  isSuppressed,
  type ResponseListItem,
  type ResponsePage,
  type ThemesResult,
  type ToneLabel,
} from "../api-types.ts";
import { channelName } from "../components/dimension-names.ts";
import { dateTime, ToneChip } from "../components/encounter-chips.tsx";
import { ExportLinks } from "../components/export-links.tsx";
import { ParamSelect } from "../components/filter-bar.tsx";
import { IntervalOrPending, intervalsPending } from "../components/interval-text.tsx";
import { Await, Empty, ErrorState, Suppressed } from "../components/status.tsx";
import { ThemeTrendChart } from "../components/theme-trend-chart.tsx";
import { monthAfter, reportQuery, useFilters } from "../filters.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useLocation, useQuery } from "../router.ts";
import { useMe } from "../session.ts";
import { useApi } from "../use-api.ts";
import "../components/theme-page.css";
import { ToneMix } from "./themes-list.tsx";
import {
  editsTaxonomy,
  encountersHref,
  fewAnswers,
  follow,
  ImpactNote,
  IntervalBar,
  intervalScale,
  linkWithFilters,
  readsText,
  type ThemeFigures,
  ThemesFilterBar,
} from "./themes-shared.tsx";

const POLARITIES: readonly ToneLabel[] = ["negative", "neutral", "positive"];

/** /themes/<id>: one theme's figures, its monthly trend, and the encounters and comments behind it. */
export function ThemeDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const url = useLocation();
  const [filters] = useFilters();
  const report = useApi<ThemesResult>(`/reports/themes${reportQuery(filters)}`);
  const row = report.state === "done" ? report.data.themes.find((x) => x.theme === id) : undefined;
  const name = row ? row.name[lang] : id;
  const text = readsText(me?.role);

  return (
    <>
      <p className="theme-back">
        <a href={linkWithFilters("/themes", url.searchParams)} onClick={follow}>
          ← {t("themes.allThemes")}
        </a>
      </p>
      <div className="page-head">
        <h1>{report.state === "done" && !row ? t("themes.notFoundTitle") : name}</h1>
        <ThemesFilterBar />
      </div>
      <Await loaded={report}>
        {(r) => {
          if (!row) return <Empty>{t("themes.notFound", { id })}</Empty>;
          return (
            <>
              <div className="theme-actions">
                {text ? (
                  <a
                    className="button button-primary"
                    href={encountersHref(id, url.searchParams)}
                    onClick={follow}
                  >
                    {t("themes.openEncounters")}
                  </a>
                ) : null}
                {editsTaxonomy(me?.role) ? (
                  <a className="button button-secondary" href="/taxonomy" onClick={follow}>
                    {t("themes.editTaxonomy")}
                  </a>
                ) : null}
              </div>
              {isSuppressed(row) ? (
                <section className="card" aria-labelledby="theme-figures-title">
                  <h2 id="theme-figures-title">{t("themes.figures")}</h2>
                  <Suppressed />
                </section>
              ) : (
                <>
                  <ThemeFiguresCard theme={row as ThemeFigures} report={r} />
                  <ThemeTrend id={id} row={row as ThemeFigures} />
                </>
              )}
              {text ? (
                <>
                  <ThemeEncounters id={id} />
                  <ThemeComments id={id} />
                </>
              ) : (
                <p className="card muted">{t("themes.viewerNote")}</p>
              )}
            </>
          );
        }}
      </Await>
    </>
  );
}

function ThemeFiguresCard({ theme, report }: { theme: ThemeFigures; report: ThemesResult }) {
  const { t, num, signed, month } = useI18n();
  const impact = theme.npsImpact;
  // Significance is decided by the interval: nothing is said of it while the interval is computed.
  const pending = intervalsPending(report);
  return (
    <section className="card" aria-labelledby="theme-figures-title">
      <h2 id="theme-figures-title">{t("themes.figures")}</h2>
      <ImpactNote />
      <dl className="theme-figures">
        <div>
          <dt>{t("themes.impact")}</dt>
          {theme.answers === 0 ? (
            // No survey answer mentions the theme: no NPS impact, rather than a "0,0" that reads as measured.
            <dd>
              <span className="theme-figure muted" data-testid="theme-detail-impact">
                –
              </span>
              <span className="theme-figure-sub muted" data-testid="theme-detail-no-answers">
                {t("interval.noAnswersLong")}
              </span>
            </dd>
          ) : (
            <dd>
              <span className="theme-figure" data-testid="theme-detail-impact">
                {signed(impact.value, 1)}
              </span>
              <span className="theme-figure-sub" data-testid="theme-detail-interval" data-interval>
                <IntervalOrPending pending={pending} low={impact.low} high={impact.high}>
                  {t("themes.intervalValue", { low: signed(impact.low, 1), high: signed(impact.high, 1) })}
                </IntervalOrPending>
              </span>
              <IntervalBar
                value={impact.value}
                low={impact.low}
                high={impact.high}
                scale={intervalScale([theme])}
                significant={impact.significant}
              />
              {fewAnswers(theme) ? (
                <span className="theme-figure-sub metric-warning" data-testid="theme-detail-few-answers">
                  {t("themes.fewAnswersLong", { n: num(theme.answers, 0) })}
                </span>
              ) : null}
              {pending ? null : (
                <strong
                  className={
                    !impact.significant
                      ? "theme-verdict"
                      : (impact.value ?? 0) < 0
                        ? "theme-verdict theme-verdict-down"
                        : "theme-verdict theme-verdict-up"
                  }
                >
                  {impact.significant ? t("change.significant") : t("change.notSignificant")}
                </strong>
              )}
            </dd>
          )}
        </div>
        <div>
          <dt>{t("themes.npsOfTheme")}</dt>
          <dd>
            <span className="theme-figure">{num(theme.nps.value, 1)}</span>
            <span className="theme-figure-sub">
              {t("themes.intervalValue", { low: num(theme.nps.low, 1), high: num(theme.nps.high, 1) })}
              {" · "}
              {t("metric.n", { n: num(theme.answers, 0) })}
            </span>
            <span className="theme-figure-sub muted">
              {t("themes.npsAll", { nps: num(report.nps.value, 1) })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("themes.volume")}</dt>
          <dd>
            <span className="theme-figure">{num(theme.volume, 0)}</span>
            <span className="theme-figure-sub">
              {t("themes.shareOf", { share: num(theme.share, 1), total: num(report.encounters, 0) })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t("themes.tone")}</dt>
          <dd>
            <ToneMix tone={theme.tone} />
          </dd>
        </div>
      </dl>
      {theme.emerging ? (
        <p className="note">
          <span className="badge badge-info">{t("themes.emerging")}</span>{" "}
          {t("themes.emergingDetail", {
            month: month(theme.emerging.month),
            share: num(theme.emerging.share, 1),
            baseline: num(theme.emerging.baselineShare, 1),
            p: num(theme.emerging.pValue, 3),
          })}
        </p>
      ) : null}
    </section>
  );
}

/**
 * The theme month by month. With a period chosen, the trend spans the whole history (a few months
 * alone show no trend) with the chosen months shaded; team and channel still apply.
 */
function ThemeTrend({ id, row }: { id: string; row: ThemeFigures }) {
  const { t } = useI18n();
  const [filters] = useFilters();
  const period = Boolean(filters.from && filters.to);
  const history = useApi<ThemesResult>(
    period ? `/reports/themes${reportQuery(filters, {}, ["period"])}` : null,
  );
  const chart = (theme: ThemeFigures) =>
    theme.monthly.length > 0 ? (
      <ThemeTrendChart
        monthly={theme.monthly}
        emergingMonth={theme.emerging?.month ?? null}
        from={period ? filters.from : null}
        to={period ? filters.to : null}
      />
    ) : (
      <Empty />
    );
  return (
    <section className="card" aria-labelledby="theme-trend-title">
      <h2 id="theme-trend-title">{t("themes.trendTitle")}</h2>
      <p className="muted small">
        {t("themes.trendIntro")}
        {period ? ` ${t("themes.trendHistory")}` : ""}
      </p>
      {period ? (
        <Await loaded={history}>
          {(r) => {
            const whole = r.themes.find((x) => x.theme === id);
            if (!whole) return <Empty />;
            return isSuppressed(whole) ? <Suppressed /> : chart(whole as ThemeFigures);
          }}
        </Await>
      ) : (
        chart(row)
      )}
    </section>
  );
}

/** The latest encounters in which the analysis found the theme; the whole list is one link away. */
function ThemeEncounters({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [filters] = useFilters();
  const url = useLocation();
  const list = useApi<EncounterPage>(
    `/encounters${query({
      from: filters.from ? `${filters.from}-01` : null,
      to: filters.to ? monthAfter(filters.to) : null,
      team: filters.team,
      channel: filters.channel,
      theme: id,
      limit: "5",
    })}`,
  );
  return (
    <section className="card" aria-labelledby="theme-encounters-title">
      <h2 id="theme-encounters-title">{t("themes.latestEncounters")}</h2>
      <Await loaded={list}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>{t("themes.noEncounters")}</Empty>
          ) : (
            <ul className="theme-encounters">
              {page.items.map((item) => (
                <li key={item.id}>
                  <a
                    href={linkWithFilters(`/encounters/${encodeURIComponent(item.id)}`, url.searchParams)}
                    onClick={follow}
                    aria-label={t("enc.open", { date: dateTime(item.started_at, lang) })}
                  >
                    {dateTime(item.started_at, lang)}
                  </a>
                  <span className="muted small">
                    {[channelName(item.channel, t), item.team].filter(Boolean).join(" · ")}
                  </span>
                  <ToneChip tone={item.facts.tone} />
                  {item.facts.trajectory ? (
                    <span className="small">{t(`trajectory.${item.facts.trajectory}`)}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </section>
  );
}

/** The survey comments in which the analysis found the theme, newest first, a page at a time. */
function ThemeComments({ id }: { id: string }) {
  const { t } = useI18n();
  const htmlId = useId();
  const [filters] = useFilters();
  const [params, setParams] = useQuery();
  const polarity = POLARITIES.find((p) => p === params.get("polarity")) ?? null;
  const listParams = {
    from: filters.from ? `${filters.from}-01` : null,
    to: filters.to ? monthAfter(filters.to) : null,
    team: filters.team,
    channel: filters.channel,
    theme: id,
    polarity,
  };
  const listQuery = query({ ...listParams, limit: "10" });
  const first = useApi<ResponsePage>(`/responses${listQuery}`);
  const [more, setMore] = useState<{ key: string; items: ResponseListItem[]; next: string | null }>({
    key: "",
    items: [],
    next: null,
  });
  const [status, setStatus] = useState<{ key: string; busy: boolean; error: Error | null }>({
    key: "",
    busy: false,
    error: null,
  });
  const state = status.key === listQuery ? status : { busy: false, error: null };
  const extra = more.key === listQuery ? more : { items: [], next: null };
  const items = [...(first.state === "done" ? first.data.items : []), ...extra.items];
  const next = extra.items.length > 0 ? extra.next : first.state === "done" ? first.data.next_cursor : null;

  const loadMore = async () => {
    if (!next) return;
    setStatus({ key: listQuery, busy: true, error: null });
    try {
      const page = await api<ResponsePage>(`/responses${listQuery}&cursor=${encodeURIComponent(next)}`);
      setMore({ key: listQuery, items: [...extra.items, ...page.items], next: page.next_cursor });
      setStatus({ key: listQuery, busy: false, error: null });
    } catch (error) {
      setStatus({
        key: listQuery,
        busy: false,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  };

  return (
    <section className="card" aria-labelledby="theme-comments-title">
      <h2 id="theme-comments-title">{t("themes.commentsTitle")}</h2>
      <p className="muted small">{t("themes.commentsNote")}</p>
      <div className="filter-bar theme-comment-filters">
        <ParamSelect
          id={`${htmlId}-polarity`}
          label={t("themes.polarity")}
          value={polarity}
          choices={POLARITIES.map((p) => [p, t(`tone.${p}`)] as const)}
          onChange={(value) => setParams({ polarity: value })}
        />
      </div>
      <Await loaded={first}>
        {() =>
          items.length === 0 ? (
            <Empty>{t("themes.noComments")}</Empty>
          ) : (
            <>
              <ol className="theme-comments">
                {items.map((item) => (
                  <Comment key={item.id} item={item} theme={id} />
                ))}
              </ol>
              <div className="list-foot">
                <p className="muted small" aria-live="polite">
                  {t("themes.commentsShown", { count: items.length })}
                </p>
                {state.error ? <ErrorState error={state.error} retry={() => void loadMore()} /> : null}
                {next ? (
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={state.busy}
                    onClick={() => void loadMore()}
                  >
                    {state.busy ? t("state.loading") : t("themes.moreComments")}
                  </button>
                ) : null}
                <ExportLinks
                  path="/responses/export"
                  params={listParams}
                  label={t("themes.commentsExportWhat")}
                />
              </div>
            </>
          )
        }
      </Await>
    </section>
  );
}

/**
 * One comment, whole, with the themes found in it: the sentences the server found the theme in
 * (`highlights`) are marked, and the theme is marked among the chips.
 */
function Comment({ item, theme }: { item: ResponseListItem; theme: string }) {
  const { t, date, lang } = useI18n();
  return (
    <li className="theme-comment">
      <p className="theme-comment-meta small">
        <span className="badge">
          {item.kind.toUpperCase()} {item.score}
        </span>
        <span>{date(item.answered_at)}</span>
        {item.channel ? <span>{channelName(item.channel, t)}</span> : null}
        {item.team ? <span>{item.team}</span> : null}
      </p>
      <blockquote className="theme-comment-text">
        {item.comment ? <Highlighted text={item.comment} spans={item.highlights ?? []} /> : "–"}
      </blockquote>
      <ul className="chips" aria-label={t("themes.commentThemes")}>
        {item.facts.themes.map((th) => (
          <li
            key={`${th.id}-${th.polarity}`}
            className={`theme-chip polarity-${th.polarity}${th.id === theme ? " theme-chip-current" : ""}`}
          >
            {th.name[lang]}
            <span className="visually-hidden">
              {" "}
              ({t(`tone.${th.polarity}`)}
              {th.id === theme ? `, ${t("themes.thisTheme")}` : ""})
            </span>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** Text with the given character ranges in <mark> (ranges in order, not overlapping). */
function Highlighted({ text, spans }: { text: string; spans: readonly { start: number; end: number }[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { start, end } of spans) {
    if (start < at || end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} className="theme-evidence">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
