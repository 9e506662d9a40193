import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { api } from "../api.ts";
import { FieldError } from "../components/status.tsx";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { fieldProblems } from "./initiatives-data.ts";
import { GOALS, type Goal, type Initiative, STATUSES, type Status } from "./initiatives-types.ts";

/** The API's field names (initiative-schemas.ts), which its refusals name in details.problems. */
const FIELDS = [
  "title",
  "description",
  "cost",
  "goal",
  "themeIds",
  "expectedShareRemoved",
  "expectedNpsGain",
  "owner",
  "status",
  "doneOn",
] as const;
type Field = (typeof FIELDS)[number];

interface Draft {
  title: string;
  description: string;
  cost: string;
  goal: Goal;
  themeIds: string[];
  share: string;
  estimate: string;
  owner: string;
  status: Status;
  doneOn: string;
}

function draftOf(i: Initiative | null): Draft {
  return {
    title: i?.title ?? "",
    description: i?.description ?? "",
    cost: i ? String(i.cost) : "",
    goal: i?.goal ?? "cx",
    themeIds: i?.themeIds ?? [],
    share: String(Math.round((i?.expectedShareRemoved ?? 0.5) * 1000) / 10),
    estimate:
      i?.expectedNpsGain === null || i?.expectedNpsGain === undefined ? "" : String(i.expectedNpsGain),
    owner: i?.owner ?? "",
    status: i?.status ?? "idea",
    doneOn: i?.doneOn ?? "",
  };
}

/** A number typed in a field; what is not one goes to the API as typed, so its refusal names the field. */
const numberOr = (text: string): number | string => {
  const n = Number(text.trim().replace(",", "."));
  return text.trim() !== "" && Number.isFinite(n) ? n : text;
};

/** The body of a POST or PATCH: every field, empty optional ones as null (a PATCH clears them). */
function bodyOf(d: Draft): Record<string, unknown> {
  const share = d.share.trim() === "" ? undefined : numberOr(d.share);
  return {
    title: d.title,
    description: d.description.trim() || null,
    ...(d.cost.trim() === "" ? {} : { cost: numberOr(d.cost) }),
    goal: d.goal,
    themeIds: d.themeIds,
    ...(share === undefined ? {} : { expectedShareRemoved: typeof share === "number" ? share / 100 : share }),
    expectedNpsGain: d.estimate.trim() === "" ? null : numberOr(d.estimate),
    owner: d.owner.trim() || null,
    status: d.status,
    doneOn: d.doneOn || null,
  };
}

/** Add or edit an initiative; a refusal is shown beside each field the API names. */
export function InitiativeForm({
  initiative,
  themeNames,
  onSaved,
  onCancel,
}: {
  initiative: Initiative | null;
  themeNames: Map<string, string>;
  onSaved: (saved: Initiative) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initiative));
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [saving, setSaving] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setProblems(new Map());
    try {
      const saved = await api<Initiative>(
        initiative ? `/initiatives/${encodeURIComponent(initiative.id)}` : "/initiatives",
        { method: initiative ? "PATCH" : "POST", body: bodyOf(draft) },
      );
      onSaved(saved);
    } catch (err) {
      setProblems(fieldProblems(err, FIELDS));
      setSaving(false);
    }
  };
  const error = (field: Field) => problems.get(field);
  /** aria props of a field: invalid when refused, described by its hint and its refusal. */
  const aria = (field: Field, hint: boolean) => {
    const ids = [hint ? `${id}-${field}-hint` : "", error(field) ? `${id}-${field}-error` : ""].filter(
      Boolean,
    );
    return {
      "aria-invalid": error(field) ? true : undefined,
      "aria-describedby": ids.length ? ids.join(" ") : undefined,
    };
  };
  const field = (name: Field, label: MessageKey, control: ReactNode, hint?: MessageKey) => (
    <div className={`field initiatives-field-${name}`}>
      <label htmlFor={`${id}-${name}`}>{t(label)}</label>
      {control}
      {hint ? (
        <p id={`${id}-${name}-hint`} className="small muted">
          {t(hint)}
        </p>
      ) : null}
      <FieldError id={`${id}-${name}-error`} text={error(name)} field={name} />
    </div>
  );
  const themeChoices = [...themeNames.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  // A linked theme the names do not list (renamed taxonomy, report not loaded yet) stays choosable.
  for (const theme of draft.themeIds) if (!themeNames.has(theme)) themeChoices.push([theme, theme]);
  const general = problems.get("");
  return (
    <form
      className="card initiatives-form"
      onSubmit={submit}
      aria-labelledby={`${id}-title-h`}
      noValidate
      data-testid="initiative-form"
    >
      <h2 id={`${id}-title-h`} ref={heading} tabIndex={-1}>
        {initiative ? t("initiatives.formEdit", { title: initiative.title }) : t("initiatives.formNew")}
      </h2>
      {general ? (
        <p className="status status-error" role="alert">
          {t("initiatives.refused", { message: general })}
        </p>
      ) : null}
      <div className="initiatives-form-grid">
        {field(
          "title",
          "initiatives.fieldTitle",
          <input
            id={`${id}-title`}
            type="text"
            maxLength={200}
            value={draft.title}
            onChange={(e) => set("title", e.target.value)}
            {...aria("title", false)}
          />,
        )}
        {field(
          "cost",
          "initiatives.fieldCost",
          <input
            id={`${id}-cost`}
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={draft.cost}
            onChange={(e) => set("cost", e.target.value)}
            {...aria("cost", true)}
          />,
          "initiatives.fieldCostHint",
        )}
        {field(
          "goal",
          "initiatives.goal",
          <select
            id={`${id}-goal`}
            value={draft.goal}
            onChange={(e) => set("goal", e.target.value as Goal)}
            {...aria("goal", false)}
          >
            {GOALS.map((g) => (
              <option key={g} value={g}>
                {t(`initiatives.goal.${g}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          "status",
          "initiatives.fieldStatus",
          <select
            id={`${id}-status`}
            value={draft.status}
            onChange={(e) => set("status", e.target.value as Status)}
            {...aria("status", false)}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`initiatives.status.${s}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          "doneOn",
          "initiatives.fieldDoneOn",
          <input
            id={`${id}-doneOn`}
            type="date"
            value={draft.doneOn}
            onChange={(e) => set("doneOn", e.target.value)}
            {...aria("doneOn", true)}
          />,
          "initiatives.fieldDoneOnHint",
        )}
        {field(
          "owner",
          "initiatives.fieldOwner",
          <input
            id={`${id}-owner`}
            type="text"
            autoComplete="off"
            maxLength={320}
            value={draft.owner}
            onChange={(e) => set("owner", e.target.value)}
            {...aria("owner", false)}
          />,
        )}
      </div>
      {field(
        "description",
        "initiatives.fieldDescription",
        <textarea
          id={`${id}-description`}
          rows={3}
          maxLength={4000}
          value={draft.description}
          onChange={(e) => set("description", e.target.value)}
          {...aria("description", false)}
        />,
      )}
      <fieldset
        className="initiatives-themes"
        aria-describedby={`${id}-themeIds-hint${error("themeIds") ? ` ${id}-themeIds-error` : ""}`}
        aria-invalid={error("themeIds") ? true : undefined}
      >
        <legend>{t("initiatives.fieldThemes")}</legend>
        <p id={`${id}-themeIds-hint`} className="small muted">
          {t("initiatives.fieldThemesHint")}
        </p>
        <div className="initiatives-theme-choices">
          {themeChoices.map(([theme, name]) => (
            <label key={theme} className="initiatives-theme-choice">
              <input
                type="checkbox"
                value={theme}
                checked={draft.themeIds.includes(theme)}
                onChange={(e) =>
                  set(
                    "themeIds",
                    e.target.checked ? [...draft.themeIds, theme] : draft.themeIds.filter((x) => x !== theme),
                  )
                }
              />
              {name}
            </label>
          ))}
        </div>
        <FieldError id={`${id}-themeIds-error`} text={error("themeIds")} field="themeIds" />
      </fieldset>
      <div className="initiatives-form-grid">
        {field(
          "expectedShareRemoved",
          "initiatives.fieldShare",
          <input
            id={`${id}-expectedShareRemoved`}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step={5}
            value={draft.share}
            onChange={(e) => set("share", e.target.value)}
            {...aria("expectedShareRemoved", true)}
          />,
          "initiatives.fieldShareHint",
        )}
        {field(
          "expectedNpsGain",
          "initiatives.fieldEstimate",
          <input
            id={`${id}-expectedNpsGain`}
            type="number"
            inputMode="decimal"
            step={0.1}
            value={draft.estimate}
            onChange={(e) => set("estimate", e.target.value)}
            {...aria("expectedNpsGain", true)}
          />,
          "initiatives.fieldEstimateHint",
        )}
      </div>
      <div className="initiatives-form-buttons">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t("initiatives.saving") : t("initiatives.save")}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          {t("initiatives.cancel")}
        </button>
      </div>
    </form>
  );
}
