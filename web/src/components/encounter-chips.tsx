import type { ToneLabel } from "../api-types.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

export type Name = { fi: string; en: string };

/** The theme's name in the UI language. */
export function localName(name: Name, lang: string): string {
  return lang === "fi" ? name.fi : name.en;
}

/**
 * A text the analysis does not read, by its language ("sv", "other"), said where its tone would be:
 * its tone and themes are not counted in any report.
 */
export function UnreadChip({ lang }: { lang: string }) {
  const { t } = useI18n();
  return (
    <span className="badge badge-unread" data-unread={lang} title={t("enc.unreadHint")}>
      {t(lang === "sv" ? "enc.unread.sv" : "enc.unread.other")}
    </span>
  );
}

export function ToneChip({ tone }: { tone: { label: ToneLabel; score: number } | null | undefined }) {
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

export function ThemeChips({
  themes,
}: {
  themes: readonly { id: string; polarity: ToneLabel; name: Name }[];
}) {
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

/** A start time in the language's style, on the Finnish clock. */
export function dateTime(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "fi" ? "fi-FI" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Helsinki",
  }).format(d);
}
