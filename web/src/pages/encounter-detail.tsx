import { useEffect, useRef, useState } from "react";
import { ApiError } from "../api.ts";
import type { EncounterDetail } from "../api-types.ts";
import { channelName } from "../components/dimension-names.ts";
import { dateTime, ThemeChips, ToneChip, UnreadChip } from "../components/encounter-chips.tsx";
import { SentenceTones } from "../components/sentence-tones.tsx";
import { Await } from "../components/status.tsx";
import { ToneArcChart } from "../components/tone-arc-chart.tsx";
import { en, type MessageKey } from "../i18n/en.ts";
import { type Translate, useI18n } from "../i18n/i18n-context.tsx";
import { navigate } from "../router.ts";
import { useApi } from "../use-api.ts";

export function EncounterView({ id }: { id: string }) {
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
      {loaded.state === "error" && loaded.error instanceof ApiError && loaded.error.status === 404 ? (
        // Another agent's encounter answers 404 like a missing one: the page says exactly that.
        <p className="status status-empty" role="alert" data-testid="encounter-not-found">
          {t("detail.notFound")}
        </p>
      ) : (
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
      )}
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
  // A link to a moment (#turn-N, e.g. from a coaching session) opens the transcript at that turn.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per encounter, when its turns are drawn
  useEffect(() => {
    const n = /^#turn-(\d+)$/.exec(location.hash)?.[1];
    if (n) goTo(Number(n) - 1);
  }, [encounter.id]);
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
            <dd>{channelName(encounter.channel, t)}</dd>
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
            const unread = turn.analysis?.unread_language ?? null;
            const tone = unread ? null : (turn.analysis?.tone ?? null);
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
                  {unread ? <UnreadChip lang={unread} /> : <ToneChip tone={tone} />}
                  {marks.map((m) => (
                    <span key={m.kind} className={`badge moment-badge moment-${m.kind}`}>
                      {t(`detail.moment.${m.kind}`)}
                    </span>
                  ))}
                </div>
                {turn.analysis && turn.analysis.sentences.length > 1 ? (
                  <SentenceTones text={turn.text} sentences={turn.analysis.sentences} lang={analysis?.lang} />
                ) : (
                  <p className="turn-text" lang={unread === "sv" ? "sv" : analysis?.lang}>
                    {turn.text}
                  </p>
                )}
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
