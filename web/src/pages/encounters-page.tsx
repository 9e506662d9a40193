import { type FormEvent, type MouseEvent, useEffect, useId, useRef, useState } from "react";
import { api, query } from "../api.ts";
import type {
  EncounterDetail,
  EncounterListItem,
  EncounterPage,
  ScoreResult,
  ThemesResult,
  ToneLabel,
} from "../api-types.ts";
import { FilterBar } from "../components/filter-bar.tsx";
import { Await, ErrorState } from "../components/status.tsx";
import { ToneArcChart } from "../components/tone-arc-chart.tsx";
import { monthAfter, useFilters } from "../filters.ts";
import { en, type MessageKey } from "../i18n/en.ts";
import { type Translate, useI18n } from "../i18n/i18n-context.tsx";
import { navigate, useLocation, useQuery } from "../router.ts";
import { useMe } from "../session.ts";
import { useApi } from "../use-api.ts";

const TONES: readonly ToneLabel[] = ["negative", "neutral", "positive"];

/** /encounters: the filterable list; /encounters/<id>: one encounter read with its analysis. */
export function EncountersPage() {
  const url = useLocation();
  const m = /^\/encounters\/([^/]+)\/?$/.exec(url.pathname);
  return m?.[1] ? <EncounterView id={decodeURIComponent(m[1])} /> : <EncounterList />;
}

type Name = { fi: string; en: string };

/** The theme's name in the UI language. */
function localName(name: Name, lang: string): string {
  return lang === "fi" ? name.fi : name.en;
}

function ToneChip({ tone }: { tone: { label: ToneLabel; score: number } | null | undefined }) {
  const { t, num } = useI18n();
  if (!tone) return <span className="badge">{t("enc.notAnalysed")}</span>;
  return (
    <span className={`tone-chip tone-${tone.label}`}>
      <span className="tone-dot" aria-hidden="true" />
      {t(`tone.${tone.label}`)}
      <span className="tone-score">{num(tone.score, 2)}</span>
    </span>
  );
}

function ThemeChips({ themes }: { themes: readonly { id: string; polarity: ToneLabel; name: Name }[] }) {
  const { t, lang } = useI18n();
  if (themes.length === 0) return <span className="muted">–</span>;
  return (
    <ul className="chips">
      {themes.map((th) => (
        <li key={`${th.id}-${th.polarity}`} className={`theme-chip polarity-${th.polarity}`}>
          {localName(th.name, lang)}
          <span className="visually-hidden"> ({t(`tone.${th.polarity}`)})</span>
        </li>
      ))}
    </ul>
  );
}

function groupKeys(loaded: ReturnType<typeof useApi<ScoreResult>>): string[] {
  if (loaded.state !== "done") return [];
  return loaded.data.groups.flatMap((g) => (g.group ? [g.group] : []));
}

function EncounterList() {
  const { t, lang } = useI18n();
  const me = useMe();
  const id = useId();
  const [filters, setFilters] = useFilters();
  const [params, setParams] = useQuery();
  const tone = TONES.find((x) => x === params.get("tone")) ?? null;
  const theme = params.get("theme") || null;
  const q = params.get("q") || null;
  // The choices: agents may not read the organisation's reports, so they choose from what they see.
  const aggregates = me?.role !== "agent" && me?.role !== "viewer";
  const months = useApi<ScoreResult>(aggregates ? "/reports/nps?by=month" : null);
  const teams = useApi<ScoreResult>(aggregates ? "/reports/nps?by=team" : null);
  const channels = useApi<ScoreResult>(aggregates ? "/reports/nps?by=channel" : null);
  const themeReport = useApi<ThemesResult>(aggregates ? "/reports/themes" : null);

  const listQuery = query({
    from: filters.from ? `${filters.from}-01` : null,
    to: filters.to ? monthAfter(filters.to) : null,
    team: filters.team,
    channel: filters.channel,
    tone,
    theme,
    q,
    limit: "25",
  });
  const first = useApi<EncounterPage>(`/encounters${listQuery}`);
  const [more, setMore] = useState<{ key: string; items: EncounterListItem[]; next: string | null }>({
    key: "",
    items: [],
    next: null,
  });
  const [moreStatus, setMoreState] = useState<{ key: string; busy: boolean; error: Error | null }>({
    key: "",
    busy: false,
    error: null,
  });
  // A new filter starts the list again from its first page: what was loaded for another one is ignored.
  const moreState = moreStatus.key === listQuery ? moreStatus : { busy: false, error: null };

  const firstItems = first.state === "done" ? first.data.items : [];
  const extra = more.key === listQuery ? more : { items: [], next: null };
  const items = [...firstItems, ...extra.items];
  const next = extra.items.length > 0 ? extra.next : first.state === "done" ? first.data.next_cursor : null;

  const loadMore = async () => {
    if (!next) return;
    setMoreState({ key: listQuery, busy: true, error: null });
    try {
      const sep = listQuery ? "&" : "?";
      const page = await api<EncounterPage>(
        `/encounters${listQuery}${sep}cursor=${encodeURIComponent(next)}`,
      );
      setMore({ key: listQuery, items: [...extra.items, ...page.items], next: page.next_cursor });
      setMoreState({ key: listQuery, busy: false, error: null });
    } catch (error) {
      setMoreState({
        key: listQuery,
        busy: false,
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  };

  // Theme choices: the taxonomy's themes the report knows, and any theme seen in the list.
  const themeOptions = new Map<string, string>();
  if (themeReport.state === "done" && "themes" in themeReport.data) {
    for (const th of themeReport.data.themes) themeOptions.set(th.theme, localName(th.name, lang));
  }
  for (const item of items)
    for (const th of item.facts.themes)
      if (!themeOptions.has(th.id)) themeOptions.set(th.id, localName(th.name, lang));
  if (theme && !themeOptions.has(theme)) themeOptions.set(theme, theme);
  const themeChoices = [...themeOptions].sort((a, b) => a[1].localeCompare(b[1], lang));

  const [text, setText] = useState(q ?? "");
  useEffect(() => setText(q ?? ""), [q]);
  const search = (event: FormEvent) => {
    event.preventDefault();
    setParams({ q: text.trim() || null });
  };
  const detailHref = (encounterId: string) =>
    `/encounters/${encodeURIComponent(encounterId)}${location.search}`;
  const open = (event: MouseEvent, encounterId: string) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(detailHref(encounterId));
    document.getElementById("main")?.focus();
  };

  return (
    <>
      <div className="page-head">
        <h1>{t("enc.title")}</h1>
        <FilterBar
          filters={filters}
          onChange={(changes) => setFilters(changes)}
          months={groupKeys(months)}
          teams={groupKeys(teams)}
          channels={groupKeys(channels)}
        />
      </div>
      <p className="muted">{t("enc.intro")}</p>
      <search aria-label={t("enc.filters")}>
        <form className="filter-bar enc-filters" onSubmit={search}>
          <div className="field">
            <label htmlFor={`${id}-tone`}>{t("enc.filterTone")}</label>
            <select
              id={`${id}-tone`}
              value={tone ?? ""}
              onChange={(e) => setParams({ tone: e.target.value || null })}
            >
              <option value="">{t("filters.any")}</option>
              {TONES.map((x) => (
                <option key={x} value={x}>
                  {t(`tone.${x}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-theme`}>{t("enc.filterTheme")}</label>
            <select
              id={`${id}-theme`}
              value={theme ?? ""}
              onChange={(e) => setParams({ theme: e.target.value || null })}
            >
              <option value="">{t("filters.any")}</option>
              {themeChoices.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-q`}>{t("enc.search")}</label>
            <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <button type="submit" className="button button-secondary">
            {t("enc.searchButton")}
          </button>
          {tone || theme || q ? (
            <button
              type="button"
              className="button button-ghost"
              onClick={() => setParams({ tone: null, theme: null, q: null })}
            >
              {t("enc.clear")}
            </button>
          ) : null}
        </form>
      </search>
      <section className="card" aria-labelledby="enc-list-title">
        <h2 id="enc-list-title" className="visually-hidden">
          {t("enc.listCaption")}
        </h2>
        <Await loaded={first}>
          {() =>
            items.length === 0 ? (
              <p className="status status-empty">{t("enc.none")}</p>
            ) : (
              <>
                <div className="table-scroll">
                  <table className="table enc-table">
                    <caption className="visually-hidden">{t("enc.listCaption")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("enc.started")}</th>
                        <th scope="col">{t("enc.channel")}</th>
                        <th scope="col">{t("enc.team")}</th>
                        <th scope="col">{t("enc.agent")}</th>
                        <th scope="col">{t("enc.tone")}</th>
                        <th scope="col">{t("enc.themes")}</th>
                        <th scope="col">{t("enc.trajectory")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((item) => (
                        <tr key={item.id} className="enc-row" onClick={(e) => open(e, item.id)}>
                          <th scope="row">
                            <a
                              href={detailHref(item.id)}
                              onClick={(e) => {
                                e.stopPropagation();
                                open(e, item.id);
                              }}
                              aria-label={t("enc.open", { date: dateTime(item.started_at, lang) })}
                            >
                              {dateTime(item.started_at, lang)}
                            </a>
                          </th>
                          <td>{item.channel}</td>
                          <td>{item.team ?? "–"}</td>
                          <td className="nowrap">{item.agent ?? "–"}</td>
                          <td>
                            <ToneChip tone={item.facts.tone} />
                          </td>
                          <td>
                            <ThemeChips themes={item.facts.themes} />
                          </td>
                          <td>{item.facts.trajectory ? t(`trajectory.${item.facts.trajectory}`) : "–"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <div className="list-foot">
                  <p className="muted small" aria-live="polite">
                    {t("enc.shown", { count: items.length })}
                    {next ? "" : ` · ${t("enc.end")}`}
                  </p>
                  {moreState.error ? (
                    <ErrorState error={moreState.error} retry={() => void loadMore()} />
                  ) : null}
                  {next ? (
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={moreState.busy}
                      onClick={() => void loadMore()}
                    >
                      {moreState.busy ? t("enc.loadingMore") : t("enc.more")}
                    </button>
                  ) : null}
                </div>
              </>
            )
          }
        </Await>
      </section>
    </>
  );
}

/** A start time in the language's style, on the Finnish clock. */
function dateTime(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "fi" ? "fi-FI" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Helsinki",
  }).format(d);
}

function EncounterView({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const loaded = useApi<EncounterDetail>(`/encounters/${encodeURIComponent(id)}`);
  const back = `/encounters${location.search}`;
  return (
    <>
      <p className="back-link">
        <a
          href={back}
          onClick={(e) => {
            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
            e.preventDefault();
            navigate(back);
            document.getElementById("main")?.focus();
          }}
        >
          ← {t("detail.back")}
        </a>
      </p>
      <Await loaded={loaded}>
        {(e) => (
          <>
            <div className="page-head">
              <h1>
                <span className="visually-hidden">{t("enc.title")}: </span>
                {t("detail.title", { date: dateTime(e.started_at, lang) })}
              </h1>
            </div>
            <EncounterBody encounter={e} />
          </>
        )}
      </Await>
    </>
  );
}

function speakerName(t: Translate, speaker: string): string {
  return speaker === "customer" || speaker === "agent" || speaker === "bot"
    ? t(`detail.speaker.${speaker}`)
    : speaker;
}

/** A label from the dictionary when it has one (the catalogues are editable: new ids show as they are). */
function known(t: Translate, prefix: string, id: string): string {
  const key = `${prefix}.${id}`;
  return hasKey(t, key) ? t(key as MessageKey) : id.replace(/_/g, " ");
}
function hasKey(_t: Translate, key: string): key is MessageKey {
  return key in en;
}

function EncounterBody({ encounter }: { encounter: EncounterDetail }) {
  const { t, num, date } = useI18n();
  const analysis = encounter.analysis;
  const [focused, setFocused] = useState<number | null>(null);
  const turnRefs = useRef(new Map<number, HTMLLIElement>());
  const goTo = (turn: number) => {
    const el = turnRefs.current.get(turn);
    if (!el) return;
    setFocused(turn);
    el.scrollIntoView({ block: "center" });
    el.focus({ preventScroll: true });
  };
  const momentsOf = (index: number) => analysis?.moments.filter((m) => m.turn === index) ?? [];
  const yesNo = (v: boolean | null) =>
    v === null ? t("detail.unknown") : v ? t("detail.yes") : t("detail.no");
  const emotions = analysis?.emotions.filter((e) => e.present) ?? [];

  return (
    <>
      <section className="card meta-card" aria-labelledby="detail-meta">
        <h2 id="detail-meta" className="visually-hidden">
          {t("detail.meta")}
        </h2>
        <dl className="meta">
          <div>
            <dt>{t("enc.channel")}</dt>
            <dd>{encounter.channel}</dd>
          </div>
          <div>
            <dt>{t("detail.touchpoint")}</dt>
            <dd>{encounter.touchpoint ?? "–"}</dd>
          </div>
          <div>
            <dt>{t("enc.team")}</dt>
            <dd>{encounter.team ?? "–"}</dd>
          </div>
          <div>
            <dt>{t("enc.agent")}</dt>
            <dd>{encounter.agent ?? "–"}</dd>
          </div>
          <div>
            <dt>{t("detail.wait")}</dt>
            <dd>
              {encounter.wait_seconds === null
                ? "–"
                : t("detail.waitSeconds", { seconds: num(encounter.wait_seconds, 0) })}
            </dd>
          </div>
          <div>
            <dt>{t("detail.transfers")}</dt>
            <dd>{encounter.transfers === null ? "–" : num(encounter.transfers, 0)}</dd>
          </div>
          <div>
            <dt>{t("detail.resolved")}</dt>
            <dd>{yesNo(encounter.resolved)}</dd>
          </div>
          <div>
            <dt>{t("detail.overall")}</dt>
            <dd>
              <ToneChip tone={analysis?.tone ?? null} />
            </dd>
          </div>
          <div>
            <dt>{t("enc.trajectory")}</dt>
            <dd>{analysis ? t(`trajectory.${analysis.arc.trajectory}`) : "–"}</dd>
          </div>
        </dl>
      </section>
      {analysis ? null : <p className="card">{t("detail.noAnalysis")}</p>}
      <div className="panel-grid detail-grid">
        {analysis ? (
          <section className="card span-4 chart-card" aria-labelledby="arc-title">
            <h2 id="arc-title">{t("detail.arcTitle")}</h2>
            <p className="muted small">{t("detail.arcIntro")}</p>
            {encounter.turns.some((x) => x.speaker === "customer" && x.analysis) ? (
              <ToneArcChart turns={encounter.turns} analysis={analysis} onMoment={goTo} />
            ) : (
              <p className="status status-empty">{t("detail.arcEmpty")}</p>
            )}
            {analysis.moments.length > 0 ? (
              <div className="moments">
                <h3>{t("detail.moments")}</h3>
                <ul>
                  {analysis.moments.map((m) => (
                    <li key={`${m.kind}-${m.turn}`}>
                      <button
                        type="button"
                        className={`button button-ghost moment-button moment-${m.kind}`}
                        onClick={() => goTo(m.turn)}
                      >
                        {t("detail.momentLink", {
                          kind: t(`detail.moment.${m.kind}`),
                          turn: m.turn + 1,
                          score: num(m.score, 2),
                        })}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>
        ) : null}
        <section className="card span-2" aria-labelledby="analysis-title">
          <h2 id="analysis-title">{t("detail.analysis")}</h2>
          <h3>{t("enc.themes")}</h3>
          {analysis && analysis.themes.length > 0 ? (
            <ThemeChips themes={analysis.themes} />
          ) : (
            <p className="muted small">{t("detail.nothing")}</p>
          )}
          <h3>{t("detail.emotions")}</h3>
          {emotions.length > 0 ? (
            <ul className="chips">
              {emotions.map((e) => (
                <li key={e.id} className="chip">
                  {known(t, "emotion", e.id)} <span className="muted">{num(e.score, 2)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">{t("detail.nothing")}</p>
          )}
          <h3>{t("detail.effort")}</h3>
          {analysis &&
          (analysis.effort.signals.length > 0 || analysis.effort.stated_wait_seconds !== null) ? (
            <ul className="chips">
              {analysis.effort.signals.map((s) => (
                <li key={s} className="chip">
                  {known(t, "effort", s)}
                </li>
              ))}
              {analysis.effort.stated_wait_seconds !== null ? (
                <li className="chip">
                  {t("detail.statedWait", { seconds: num(analysis.effort.stated_wait_seconds, 0) })}
                </li>
              ) : null}
            </ul>
          ) : (
            <p className="muted small">{t("detail.nothing")}</p>
          )}
          <h3>{t("detail.behaviours")}</h3>
          {analysis && analysis.behaviours.length > 0 ? (
            <ul className="chips">
              {analysis.behaviours.map((b) => (
                <li key={b} className={`chip${b === "blame_customer" ? " chip-bad" : ""}`}>
                  {known(t, "behaviour", b)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">{t("detail.nothing")}</p>
          )}
          <h3>{t("detail.answers")}</h3>
          {encounter.survey_responses.length > 0 ? (
            <ul className="answers">
              {encounter.survey_responses.map((a) => (
                <li key={a.id}>
                  {t("detail.answer", {
                    kind: a.kind.toUpperCase(),
                    score: num(a.score, 0),
                    date: date(a.answered_at),
                  })}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">{t("detail.noAnswers")}</p>
          )}
        </section>
      </div>
      <section className="card transcript-card" aria-labelledby="transcript-title">
        <h2 id="transcript-title">{t("detail.transcript")}</h2>
        <p className="muted small">{t("detail.transcriptIntro")}</p>
        <ol className="transcript">
          {encounter.turns.map((turn, index) => {
            const tone = turn.analysis?.tone ?? null;
            const marks = momentsOf(index);
            return (
              <li
                key={turn.seq}
                id={`turn-${index + 1}`}
                ref={(el) => {
                  if (el) turnRefs.current.set(index, el);
                  else turnRefs.current.delete(index);
                }}
                tabIndex={-1}
                className={`turn speaker-${turn.speaker} ${tone ? `tone-${tone.label}` : "tone-none"}${
                  focused === index ? " turn-focused" : ""
                }`}
                aria-label={`${t("detail.turn", { n: index + 1 })}, ${speakerName(t, turn.speaker)}`}
              >
                <div className="turn-head">
                  <span className="turn-speaker">{speakerName(t, turn.speaker)}</span>
                  <span className="muted small">{t("detail.turn", { n: index + 1 })}</span>
                  <ToneChip tone={tone} />
                  {marks.map((m) => (
                    <span key={m.kind} className={`badge moment-badge moment-${m.kind}`}>
                      {t(`detail.moment.${m.kind}`)}
                    </span>
                  ))}
                </div>
                <p className="turn-text" lang={analysis?.lang}>
                  {turn.text}
                </p>
                {turn.analysis && (turn.analysis.themes.length > 0 || turn.analysis.behaviours.length > 0) ? (
                  <div className="turn-facts">
                    {turn.analysis.themes.length > 0 ? <ThemeChips themes={turn.analysis.themes} /> : null}
                    {turn.analysis.behaviours.length > 0 ? (
                      <ul className="chips">
                        {turn.analysis.behaviours.map((b) => (
                          <li key={b} className={`chip${b === "blame_customer" ? " chip-bad" : ""}`}>
                            {known(t, "behaviour", b)}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>
    </>
  );
}
