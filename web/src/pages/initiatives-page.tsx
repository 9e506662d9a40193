import { useEffect, useId, useRef, useState } from "react";
import { api } from "../api.ts";
import { FilterBar } from "../components/filter-bar.tsx";
import { Await } from "../components/status.tsx";
import { useFilterChoices } from "../filter-choices.ts";
import { reportQuery, useFilters } from "../filters.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { PAGE_ROLES } from "../page-roles.ts";
import { useMe } from "../session.ts";
import { useFresh, useThemeNames } from "./initiatives-data.ts";
import { InitiativeForm } from "./initiatives-form.tsx";
import { InitiativesTable } from "./initiatives-list.tsx";
import { PortfolioPanel } from "./initiatives-portfolio.tsx";
import { SettingsPanel } from "./initiatives-settings.tsx";
import {
  type Initiative,
  type InitiativeList,
  type MeasuredEffect,
  readEffect,
} from "./initiatives-types.ts";
import "./initiatives-page.css";

/**
 * Development initiatives (issue 13): ranked by expected NPS gain, the optimal portfolio under a
 * budget with its balance check, the price of a point of NPS, and the measured effect of done ones.
 * Admins and analysts plan; viewers (management) read.
 */
export function InitiativesPage() {
  const { t } = useI18n();
  const me = useMe();
  if (me && !(PAGE_ROLES.readInitiatives as readonly string[]).includes(me.role)) {
    return (
      <>
        <h1>{t("initiatives.title")}</h1>
        <p className="status status-empty">{t("initiatives.notAllowed")}</p>
      </>
    );
  }
  return <Initiatives />;
}

function Initiatives() {
  const { t, month } = useI18n();
  const id = useId();
  const me = useMe();
  const canPlan = (PAGE_ROLES.planInitiatives as readonly string[]).includes(me?.role ?? "");
  const [version, setVersion] = useState(0);
  // Expected gains come from the themes' NPS impact over the chosen period (the shared filter);
  // team and channel do not apply: an initiative serves the whole organisation.
  const [filters, setFilters] = useFilters();
  const choices = useFilterChoices({ channels: false });
  const period = reportQuery(filters, {}, ["team", "channel"]);
  const list = useFresh<InitiativeList>(`/initiatives${period}`, version);
  const exportQuery = period ? `${period}&` : "?";
  const themeNames = useThemeNames();
  const [editing, setEditing] = useState<Initiative | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  // Back to the add button when the form closes, so keyboard focus does not fall to the page's start.
  useEffect(() => {
    if (wasEditing.current && editing === null) addButton.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);
  const changed = (message: string | null) => {
    setVersion((v) => v + 1);
    setEditing(null);
    setNotice(message);
  };
  return (
    <>
      <div className="page-head">
        <h1>{t("initiatives.title")}</h1>
        <div className="initiatives-head-tools">
          <a className="button button-small" href={`/api/v1/initiatives/export${period}`} download>
            {t("initiatives.exportCsv")}
          </a>
          <a
            className="button button-small"
            href={`/api/v1/initiatives/export${exportQuery}format=xlsx`}
            download
          >
            {t("initiatives.exportXlsx")}
          </a>
        </div>
      </div>
      <p className="muted initiatives-intro">{t("initiatives.intro")}</p>
      <div className="initiatives-period">
        <FilterBar filters={filters} onChange={setFilters} months={choices.months} />
        <p className="small muted" data-testid="initiatives-period-note">
          {filters.from && filters.to
            ? t("initiatives.periodNote", { from: month(filters.from), to: month(filters.to) })
            : t("initiatives.periodNoteAll")}
        </p>
      </div>
      <section className="card initiatives-list" aria-labelledby={`${id}-list`}>
        <div className="initiatives-section-head">
          <h2 id={`${id}-list`}>{t("initiatives.listTitle")}</h2>
          {canPlan && editing !== "new" ? (
            <button
              ref={addButton}
              type="button"
              className="button button-primary"
              onClick={() => {
                setNotice(null);
                setEditing("new");
              }}
            >
              {t("initiatives.add")}
            </button>
          ) : null}
        </div>
        <p className="small muted initiatives-notice" role="status">
          {notice ?? ""}
        </p>
        {canPlan && editing ? (
          <InitiativeForm
            key={editing === "new" ? "new" : editing.id}
            initiative={editing === "new" ? null : editing}
            themeNames={themeNames}
            onSaved={() => changed(t("initiatives.saved"))}
            onCancel={() => setEditing(null)}
          />
        ) : null}
        <Await loaded={list}>
          {(data) =>
            data.items.length === 0 ? (
              <p className="status status-empty">
                {canPlan ? t("initiatives.none") : t("initiatives.noneViewer")}
              </p>
            ) : (
              <InitiativesTable
                items={data.items}
                themeNames={themeNames}
                canPlan={canPlan}
                onEdit={(i) => {
                  setNotice(null);
                  setEditing(i);
                }}
                onDeleted={() => {
                  changed(t("initiatives.deleted"));
                  // The row and its buttons are gone: keep the keyboard in the list, on its add button.
                  addButton.current?.focus();
                }}
              />
            )
          }
        </Await>
      </section>
      {list.state === "done" ? (
        <>
          <PortfolioPanel items={list.data.items} version={version} period={period} />
          <DoneEffects items={list.data.items.filter((i) => i.status === "done")} />
        </>
      ) : null}
      <SettingsPanel canPlan={canPlan} version={version} onSaved={() => changed(null)} />
    </>
  );
}

/** Done initiatives, each with its measured effect once the API has one (GET /initiatives/{id}/effect). */
function DoneEffects({ items }: { items: readonly Initiative[] }) {
  const { t, date } = useI18n();
  const id = useId();
  return (
    <section className="card initiatives-done" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t("initiatives.doneTitle")}</h2>
      {items.length === 0 ? (
        <p className="muted">{t("initiatives.doneNone")}</p>
      ) : (
        <ul className="initiatives-done-list">
          {items.map((i) => (
            <li key={i.id} data-initiative={i.id}>
              <span className="strong">{i.title}</span>
              {i.doneOn ? (
                <span className="small muted">
                  {" "}
                  · {t("initiatives.doneOn", { date: date(`${i.doneOn}T12:00:00Z`) })}
                </span>
              ) : null}
              {i.themeIds.length === 0 ? (
                <p className="small muted">{t("initiatives.effectNeedsThemes")}</p>
              ) : (
                // keyed by the day: a changed day is a new measurement
                <Effect key={i.doneOn ?? ""} initiativeId={i.id} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The effect route's verdicts (stats/before-after.ts EffectVerdict), to their words. */
const VERDICTS: Record<string, "improved" | "worsened" | "no_change" | "not_enough_data" | undefined> = {
  improved: "improved",
  worsened: "worsened",
  "no measurable change": "no_change",
  "not enough data": "not_enough_data",
};

/** The measured effect, shown only when the API answers with one; anything else shows nothing. */
function Effect({ initiativeId }: { initiativeId: string }) {
  const { t, lang, signed, num } = useI18n();
  const [effect, setEffect] = useState<MeasuredEffect | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setEffect(null);
    api<unknown>(`/initiatives/${encodeURIComponent(initiativeId)}/effect`, {
      signal: controller.signal,
    }).then(
      (body) => setEffect(readEffect(body)),
      () => setEffect(null),
    );
    return () => controller.abort();
  }, [initiativeId]);
  if (!effect) return null;
  const local = (x: { fi?: string; en?: string } | null) => x?.[lang] ?? x?.en ?? x?.fi ?? null;
  const text = local(effect.text);
  const verdictKey = VERDICTS[effect.verdict ?? ""];
  return (
    <div className="initiatives-effect" data-testid="initiative-effect" data-verdict={effect.verdict ?? ""}>
      {verdictKey ? (
        <span className={`badge initiatives-verdict-${verdictKey}`}>
          {t(`initiatives.verdict.${verdictKey}`)}
        </span>
      ) : null}
      {text ? <p>{text}</p> : null}
      {effect.estimate !== null ? (
        <p className="small">
          {t("initiatives.effectInterval", {
            value: signed(effect.estimate, 1),
            low: num(effect.low, 1),
            high: num(effect.high, 1),
          })}
        </p>
      ) : null}
      {effect.caveats.length > 0 ? (
        <details className="small muted">
          <summary>{t("initiatives.caveatsTitle")}</summary>
          {effect.caveats
            .map((c) => local(c))
            .filter(Boolean)
            .map((c) => (
              <p key={c}>{c}</p>
            ))}
        </details>
      ) : null}
    </div>
  );
}
