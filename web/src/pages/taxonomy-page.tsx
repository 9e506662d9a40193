import { type MouseEvent, useMemo, useState } from "react";
import { ApiError, api } from "../api.ts";
import { Await } from "../components/status.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";
import { navigate } from "../router.ts";
import { useMe } from "../session.ts";
import { useApi } from "../use-api.ts";
import "./taxonomy.css";
import {
  describeProblem,
  draftOf,
  type Problem,
  problemsOf,
  sameDraft,
  type Taxonomy,
  type ThemeDraft,
  themeFromDraft,
} from "./taxonomy-drafts.ts";
import { ReanalysisPanel } from "./taxonomy-reanalysis.tsx";
import { ThemeEditor } from "./taxonomy-theme.tsx";

/** /taxonomy: admins and analysts edit the themes' names, word patterns and examples, and reanalyse. */
export function TaxonomyPage() {
  const { t } = useI18n();
  const me = useMe();
  const allowed = me?.role === "admin" || me?.role === "analyst";
  const loaded = useApi<Taxonomy>(allowed ? "/taxonomy" : null);
  return (
    <>
      <p className="back-link">
        <a href="/themes" onClick={follow}>
          ← {t("taxonomy.back")}
        </a>
      </p>
      <div className="page-head">
        <h1>{t("taxonomy.title")}</h1>
      </div>
      {allowed ? (
        <Await loaded={loaded}>{(data) => <TaxonomyEditor initial={data} />}</Await>
      ) : (
        <p className="status status-error">{t("taxonomy.notAllowed")}</p>
      )}
    </>
  );
}

type SaveState =
  | { state: "idle" }
  | { state: "saving" }
  | { state: "saved" }
  | { state: "refused"; problems: Problem[] }
  | { state: "failed"; message: string };

function TaxonomyEditor({ initial }: { initial: Taxonomy }) {
  const { t, lang, locale } = useI18n();
  const [base, setBase] = useState(initial);
  const [drafts, setDrafts] = useState(() => new Map(initial.themes.map((th) => [th.id, draftOf(th)])));
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [query, setQuery] = useState("");
  const [save, setSave] = useState<SaveState>({ state: "idle" });

  const baseDrafts = useMemo(() => new Map(base.themes.map((th) => [th.id, draftOf(th)])), [base]);
  const changed = base.themes.filter((th) => {
    const d = drafts.get(th.id);
    const b = baseDrafts.get(th.id);
    return d && b && !sameDraft(d, b);
  });
  const problems = save.state === "refused" ? save.problems : [];
  const nameOf = (id: string) => {
    const d = drafts.get(id);
    return (lang === "fi" ? d?.nameFi : d?.nameEn) || id;
  };

  const edit = (id: string, draft: ThemeDraft) => {
    setDrafts((m) => new Map(m).set(id, draft));
    if (save.state === "saved") setSave({ state: "idle" });
  };
  const toggle = (id: string, isOpen: boolean) =>
    setOpen((s) => {
      const next = new Set(s);
      if (isOpen) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSave({ state: "saving" });
    try {
      const themes = base.themes.map((th) => themeFromDraft(th, drafts.get(th.id) ?? draftOf(th)));
      const saved = await api<Taxonomy>("/taxonomy", { method: "PUT", body: { themes } });
      setBase(saved);
      setDrafts(new Map(saved.themes.map((th) => [th.id, draftOf(th)])));
      setSave({ state: "saved" });
    } catch (e) {
      const found = e instanceof ApiError && e.status === 400 ? problemsOf(e.details) : [];
      if (found.length > 0) {
        setSave({ state: "refused", problems: found });
        setOpen((s) => new Set([...s, ...found.map((p) => p.theme)]));
      } else setSave({ state: "failed", message: e instanceof Error ? e.message : String(e) });
    }
  };

  const discard = () => {
    setDrafts(new Map(baseDrafts));
    setSave({ state: "idle" });
  };

  const q = query.trim().toLowerCase();
  const visible = base.themes.filter((th) => {
    if (!q) return true;
    const d = drafts.get(th.id);
    return [th.id, d?.nameFi, d?.nameEn].some((s) => s?.toLowerCase().includes(q));
  });
  const when = base.updatedAt
    ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
        new Date(base.updatedAt),
      )
    : "";

  return (
    <>
      <section className="card taxonomy-intro" aria-label={t("taxonomy.title")}>
        <p>{t("taxonomy.intro")}</p>
        <p className="muted">{t("taxonomy.syntax")}</p>
        <p className="small">
          {base.source === "workspace"
            ? t("taxonomy.sourceWorkspace", { who: base.updatedBy ?? "?", when })
            : t("taxonomy.sourceDefault", { version: base.version })}
        </p>
      </section>
      <ReanalysisPanel unsaved={changed.length > 0} />
      <form className="taxonomy-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field taxonomy-find">
          <label htmlFor="taxonomy-find">{t("taxonomy.find")}</label>
          <input
            id="taxonomy-find"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
        {visible.length === 0 ? (
          <p className="status status-empty">{t("taxonomy.noMatch", { query })}</p>
        ) : null}
        {base.groups.map((g) => {
          const themes = visible.filter((th) => th.group === g.id);
          if (themes.length === 0) return null;
          return (
            <section key={g.id} className="taxonomy-group" aria-labelledby={`group-${g.id}`}>
              <h2 id={`group-${g.id}`}>{g.name[lang]}</h2>
              {themes.map((th) => {
                const draft = drafts.get(th.id) ?? draftOf(th);
                const b = baseDrafts.get(th.id);
                return (
                  <ThemeEditor
                    key={th.id}
                    theme={th}
                    draft={draft}
                    changed={b ? !sameDraft(draft, b) : false}
                    problems={problems.filter((p) => p.theme === th.id)}
                    open={open.has(th.id)}
                    onToggle={(isOpen) => toggle(th.id, isOpen)}
                    onChange={(d) => edit(th.id, d)}
                  />
                );
              })}
            </section>
          );
        })}
        <div className="taxonomy-savebar">
          {problems.length > 0 ? (
            <div className="taxonomy-refused" role="alert">
              <p className="strong">{t("taxonomy.notSaved")}</p>
              <h2 className="visually-hidden">{t("taxonomy.problemsTitle")}</h2>
              <ul>
                {problems.slice(0, 8).map((p) => (
                  <li key={`${p.theme}:${p.lang ?? ""}:${p.pattern ?? p.code}`}>
                    <a href={`#theme-${p.theme}`}>{describeProblem(t, p, nameOf(p.theme))}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <p className="taxonomy-save-state" role="status">
            {save.state === "saved" ? t("taxonomy.saved") : null}
            {save.state === "failed" ? t("taxonomy.saveFailed", { message: save.message }) : null}
            {save.state !== "saved" && save.state !== "failed"
              ? changed.length > 0
                ? t("taxonomy.unsaved", { count: changed.length })
                : t("taxonomy.noChanges")
              : null}
          </p>
          <div className="taxonomy-actions">
            <button
              type="button"
              className="button button-secondary"
              disabled={changed.length === 0 || save.state === "saving"}
              onClick={discard}
            >
              {t("taxonomy.discard")}
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={changed.length === 0 || save.state === "saving"}
            >
              {save.state === "saving" ? t("taxonomy.saving") : t("taxonomy.save")}
            </button>
          </div>
        </div>
      </form>
    </>
  );
}

function follow(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute("href") ?? "/themes");
  document.getElementById("main")?.focus();
}
