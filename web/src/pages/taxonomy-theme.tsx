import type { Translate } from "../i18n/i18n-context.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";
import {
  describeProblem,
  type Lang,
  type Problem,
  type TaxonomyTheme,
  type ThemeDraft,
} from "./taxonomy-drafts.ts";

interface Props {
  theme: TaxonomyTheme;
  draft: ThemeDraft;
  changed: boolean;
  problems: Problem[];
  open: boolean;
  onToggle(open: boolean): void;
  onChange(draft: ThemeDraft): void;
}

const count = (text: string) => text.split("\n").filter((l) => l.trim() !== "").length;

/** One theme of the taxonomy, folded to its names and counts; open, its form. */
export function ThemeEditor({ theme, draft, changed, problems, open, onToggle, onChange }: Props) {
  const { t, lang } = useI18n();
  const shownName = (lang === "fi" ? draft.nameFi : draft.nameEn) || theme.id;
  const otherName = lang === "fi" ? draft.nameEn : draft.nameFi;
  const set = (key: keyof ThemeDraft) => (value: string) => onChange({ ...draft, [key]: value });
  const about = (filter: (p: Problem) => boolean) => problems.filter(filter);
  const field = `theme-${theme.id}`;
  return (
    <details
      id={field}
      className={`taxonomy-theme${problems.length > 0 ? " taxonomy-theme-invalid" : ""}`}
      open={open}
      onToggle={(e) => {
        const now = (e.currentTarget as HTMLDetailsElement).open;
        if (now !== open) onToggle(now);
      }}
    >
      <summary>
        <span className="taxonomy-theme-name">{shownName}</span>
        {otherName ? (
          <span className="muted" lang={lang === "fi" ? "en" : "fi"}>
            {otherName}
          </span>
        ) : null}
        <span className="small muted">
          {t("taxonomy.patternCount", { fi: count(draft.patternsFi), en: count(draft.patternsEn) })}
        </span>
        {changed ? <span className="badge badge-info">{t("taxonomy.changed")}</span> : null}
        {problems.length > 0 ? (
          <span className="badge taxonomy-badge-bad">{t("taxonomy.hasProblems")}</span>
        ) : null}
      </summary>
      {open ? (
        <div className="taxonomy-fields">
          <TextField
            id={`${field}-name-fi`}
            label={t("taxonomy.nameFi")}
            value={draft.nameFi}
            onChange={set("nameFi")}
            problems={about((p) => p.pattern === undefined && p.lang === "fi")}
            t={t}
            themeName={shownName}
            inputLang="fi"
          />
          <TextField
            id={`${field}-name-en`}
            label={t("taxonomy.nameEn")}
            value={draft.nameEn}
            onChange={set("nameEn")}
            problems={about((p) => p.pattern === undefined && p.lang === "en")}
            t={t}
            themeName={shownName}
            inputLang="en"
          />
          <ListField
            id={`${field}-patterns-fi`}
            label={t("taxonomy.patternsFi")}
            hint={t("taxonomy.onePerLine")}
            value={draft.patternsFi}
            onChange={set("patternsFi")}
            problems={about((p) => p.pattern !== undefined && p.lang === "fi")}
            t={t}
            themeName={shownName}
            inputLang="fi"
            code
          />
          <ListField
            id={`${field}-patterns-en`}
            label={t("taxonomy.patternsEn")}
            hint={t("taxonomy.onePerLine")}
            value={draft.patternsEn}
            onChange={set("patternsEn")}
            problems={about((p) => p.pattern !== undefined && p.lang === "en")}
            t={t}
            themeName={shownName}
            inputLang="en"
            code
          />
          <ListField
            id={`${field}-examples-fi`}
            label={t("taxonomy.examplesFi")}
            hint={t("taxonomy.examplesHint")}
            value={draft.examplesFi}
            onChange={set("examplesFi")}
            problems={[]}
            t={t}
            themeName={shownName}
            inputLang="fi"
          />
          <ListField
            id={`${field}-examples-en`}
            label={t("taxonomy.examplesEn")}
            hint={t("taxonomy.examplesHint")}
            value={draft.examplesEn}
            onChange={set("examplesEn")}
            problems={[]}
            t={t}
            themeName={shownName}
            inputLang="en"
          />
          {about((p) => p.lang === undefined).map((p) => (
            <p key={p.code} className="taxonomy-problem">
              {describeProblem(t, p, shownName)}
            </p>
          ))}
        </div>
      ) : null}
    </details>
  );
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  problems: Problem[];
  t: Translate;
  themeName: string;
  inputLang: Lang;
}

function ProblemList({
  id,
  problems,
  t,
  themeName,
}: Pick<FieldProps, "id" | "problems" | "t" | "themeName">) {
  if (problems.length === 0) return null;
  return (
    <ul id={`${id}-problems`} className="taxonomy-problems">
      {problems.map((p) => (
        <li key={`${p.code}:${p.pattern ?? ""}`}>{describeProblem(t, p, themeName)}</li>
      ))}
    </ul>
  );
}

function TextField(props: FieldProps) {
  const { id, label, value, onChange, problems, inputLang } = props;
  const invalid = problems.length > 0;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        lang={inputLang}
        value={value}
        required
        maxLength={200}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-problems` : undefined}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <ProblemList {...props} />
    </div>
  );
}

function ListField(props: FieldProps & { hint: string; code?: boolean }) {
  const { id, label, hint, value, onChange, problems, inputLang, code } = props;
  const invalid = problems.length > 0;
  const rows = Math.min(12, Math.max(3, value.split("\n").length + 1));
  return (
    <div className="field taxonomy-list-field">
      <label htmlFor={id}>{label}</label>
      <span id={`${id}-hint`} className="small muted">
        {hint}
      </span>
      <textarea
        id={id}
        lang={inputLang}
        className={code ? "taxonomy-patterns" : undefined}
        rows={rows}
        spellCheck={!code}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint${invalid ? ` ${id}-problems` : ""}`}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <ProblemList {...props} />
    </div>
  );
}
