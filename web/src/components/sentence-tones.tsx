import type { ReactNode } from "react";
import type { ToneLabel } from "../api-types.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { localName, type Name } from "./encounter-chips.tsx";

/** One sentence of a long text as the API gives it (TextAnalysis.sentences). */
export interface SentenceView {
  start: number;
  end: number;
  tone: { label: ToneLabel; score: number };
  themes: readonly { id: string; polarity: ToneLabel; name: Name }[];
}

/**
 * A long text as the analysis read it, sentence by sentence (its tone and themes are rolled up from
 * them): a strip of one cell per sentence in its tone's colour, the shape of the message at a
 * glance, with the counts in words beside it; then the text with each negative and positive sentence
 * tinted and underlined and named in words for screen readers, its score and themes in its tooltip.
 * Neutral sentences and what lies outside the sentences (a quoted earlier message, a signature) stay
 * plain. `sentences` are ranges of `text`, in order (the server checks them against the stored text).
 */
export function SentenceTones({
  text,
  sentences,
  lang,
}: {
  text: string;
  sentences: readonly SentenceView[];
  lang?: string;
}) {
  const { t, num, lang: uiLang } = useI18n();
  const count: Record<ToneLabel, number> = { negative: 0, neutral: 0, positive: 0 };
  const parts: ReactNode[] = [];
  let at = 0;
  sentences.forEach((s, i) => {
    count[s.tone.label]++;
    if (s.start > at) parts.push(text.slice(at, s.start));
    const themes = s.themes.map((th) => localName(th.name, uiLang)).join(", ");
    const title = `${t("sentences.sentence", { n: i + 1 })}: ${t(`tone.${s.tone.label}`)} ${num(s.tone.score, 2)}${
      themes ? ` · ${themes}` : ""
    }`;
    parts.push(
      <span key={s.start} className={`sentence sentence-${s.tone.label}`} title={title}>
        {s.tone.label === "neutral" ? null : (
          <span className="visually-hidden">({t(`sentences.${s.tone.label}`)}) </span>
        )}
        {text.slice(s.start, s.end)}
      </span>,
    );
    at = s.end;
  });
  if (at < text.length) parts.push(text.slice(at));
  return (
    <>
      <p className="sentence-summary small">
        <span className="sentence-strip" aria-hidden="true">
          {sentences.map((s) => (
            <span key={s.start} className={`sentence-cell sentence-cell-${s.tone.label}`} />
          ))}
        </span>
        <span>
          {t("sentences.summary", {
            n: sentences.length,
            negative: count.negative,
            neutral: count.neutral,
            positive: count.positive,
          })}
        </span>
      </p>
      <p className="turn-text" lang={lang}>
        {parts}
      </p>
    </>
  );
}
