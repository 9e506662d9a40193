import { type FormEvent, type MouseEvent, useEffect, useId, useState } from "react";
import { api, query } from "../api.ts";
import type { EncounterListItem, EncounterPage, ThemesResult, ToneLabel } from "../api-types.ts";
import { channelName } from "../components/dimension-names.ts";
import { dateTime, localName, ThemeChips, ToneChip, UnreadChip } from "../components/encounter-chips.tsx";
import { ExportLinks } from "../components/export-links.tsx";
import { FilterBar, ParamSelect } from "../components/filter-bar.tsx";
import { Await, ErrorState } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useFilterChoices } from "../filter-choices.ts";
import { monthAfter, useFilters } from "../filters.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { navigate, useQuery } from "../router.ts";
import { useMe } from "../session.ts";
import { useApi } from "../use-api.ts";

const TONES: readonly ToneLabel[] = ["negative", "neutral", "positive"];
/** The longest text search the API takes (server/list-filter.ts: q): the box stops there. */
const SEARCH_MAX = 200;
/** Encounters the analysis left unread for their language: Swedish, another, either (the API's `unread`). */
const UNREAD = ["any", "sv", "other"] as const;

export function EncounterList() {
  const { t, lang } = useI18n();
  const me = useMe();
  const id = useId();
  const [filters, setFilters] = useFilters();
  const [params, setParams] = useQuery();
  const tone = TONES.find((x) => x === params.get("tone")) ?? null;
  const theme = params.get("theme") || null;
  const unread = UNREAD.find((x) => x === params.get("unread")) ?? null;
  const q = params.get("q") || null;
  // The choices: agents may not read the organisation's reports, so they choose from what they see.
  const aggregates = me?.role !== "agent" && me?.role !== "viewer";
  const choices = useFilterChoices({ enabled: aggregates });
  const themeReport = useApi<ThemesResult>(aggregates ? "/reports/themes" : null);

  // The list's filters: the export takes exactly these, so the file holds what the list shows.
  const listFilters = {
    from: filters.from ? `${filters.from}-01` : null,
    to: filters.to ? monthAfter(filters.to) : null,
    team: filters.team,
    channel: filters.channel,
    tone,
    theme,
    unread,
    q,
  };
  const listQuery = query({ ...listFilters, limit: "25" });
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
          onChange={setFilters}
          months={choices.months}
          teams={choices.teams}
          channels={choices.channels}
        />
      </div>
      <p className="muted">{t("enc.intro")}</p>
      <search aria-label={t("enc.filters")}>
        <form className="filter-bar enc-filters" onSubmit={search}>
          <ParamSelect
            id={`${id}-tone`}
            label={t("enc.filterTone")}
            value={tone}
            choices={TONES.map((x) => [x, t(`tone.${x}`)] as const)}
            onChange={(value) => setParams({ tone: value })}
          />
          <ParamSelect
            id={`${id}-theme`}
            label={t("enc.filterTheme")}
            value={theme}
            choices={themeChoices}
            onChange={(value) => setParams({ theme: value })}
          />
          <ParamSelect
            id={`${id}-unread`}
            label={t("enc.filterUnread")}
            value={unread}
            choices={UNREAD.map((x) => [x, t(`enc.unreadFilter.${x}`)] as const)}
            onChange={(value) => setParams({ unread: value })}
          />
          <div className="field">
            <label htmlFor={`${id}-q`}>{t("enc.search")}</label>
            <input
              id={`${id}-q`}
              type="search"
              maxLength={SEARCH_MAX}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </div>
          <button type="submit" className="button button-secondary">
            {t("enc.searchButton")}
          </button>
          {tone || theme || unread || q ? (
            <button
              type="button"
              className="button button-ghost"
              onClick={() => setParams({ tone: null, theme: null, unread: null, q: null })}
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
                <TableScroll label={t("enc.listCaption")}>
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
                          <td>{channelName(item.channel, t)}</td>
                          <td>{item.team ?? "–"}</td>
                          <td className="nowrap">{item.agent ?? "–"}</td>
                          <td>
                            {item.facts.unread_language ? (
                              <UnreadChip lang={item.facts.unread_language} />
                            ) : (
                              <ToneChip tone={item.facts.tone} />
                            )}
                          </td>
                          <td>
                            <ThemeChips themes={item.facts.themes} />
                          </td>
                          <td>{item.facts.trajectory ? t(`trajectory.${item.facts.trajectory}`) : "–"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
                <div className="list-foot">
                  <p className="muted small" aria-live="polite">
                    {t("enc.shown", { count: items.length })}
                    {next ? "" : ` · ${t("enc.end")}`}
                  </p>
                  <ExportLinks
                    path="/encounters/export"
                    params={listFilters}
                    label={t("export.encounterList")}
                  />
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
