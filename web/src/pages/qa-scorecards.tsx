import { type FormEvent, useId, useState } from "react";
import { api } from "../api.ts";
import { Await } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useFilterChoices } from "../filter-choices.ts";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { PAGE_ROLES } from "../page-roles.ts";
import { useMe } from "../session.ts";
import { useApi } from "../use-api.ts";
import {
  type Criterion,
  QA_BEHAVIOURS,
  QA_SCALES,
  type QaBehaviour,
  type QaScale,
  type Scorecard,
} from "./qa-types.ts";

/** The scorecards tab: the list, and an editor for admins and analysts (the API decides). */
export function ScorecardsPanel() {
  const { t, date } = useI18n();
  const me = useMe();
  const [attempt, setAttempt] = useState(0);
  const cards = useApi<{ items: Scorecard[] }>(`/qa/scorecards${attempt ? `?r=${attempt}` : ""}`);
  const [editing, setEditing] = useState<Scorecard | "new" | null>(null);
  const canEdit = me ? (PAGE_ROLES.editTaxonomy as readonly string[]).includes(me.role) : false;
  return (
    <div className="qa-scorecards">
      <div className="qa-head">
        <h2>{t("qa.cards.title")}</h2>
        {canEdit ? (
          <button type="button" className="button button-secondary" onClick={() => setEditing("new")}>
            {t("qa.cards.new")}
          </button>
        ) : null}
      </div>
      <p className="small muted">{t("qa.cards.versionNote")}</p>
      <Await loaded={cards}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="status status-empty">{t("qa.cards.none")}</p>
          ) : (
            <TableScroll label={t("qa.cards.listCaption")}>
              <table className="table">
                <caption className="visually-hidden">{t("qa.cards.listCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("qa.cards.name")}</th>
                    <th scope="col">{t("qa.cards.team")}</th>
                    <th scope="col">{t("qa.cards.criteria")}</th>
                    <th scope="col">{t("qa.cards.versionHead")}</th>
                    {canEdit ? <th scope="col">{t("qa.cards.actions")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.id} data-scorecard={c.id}>
                      <th scope="row">{c.name}</th>
                      <td>{[c.team ?? t("qa.cards.any"), c.channel].filter(Boolean).join(" · ")}</td>
                      <td>{c.criteria.map((k) => k.name).join(", ")}</td>
                      <td className="nowrap">
                        {t("qa.cards.version", { version: c.version, date: date(c.updated_at) })}
                      </td>
                      {canEdit ? (
                        <td>
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            onClick={() => setEditing(c)}
                            aria-label={t("qa.cards.editNamed", { name: c.name })}
                          >
                            {t("qa.cards.edit")}
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </Await>
      {canEdit && editing ? (
        <Editor
          key={editing === "new" ? "new" : `${editing.id}/${editing.version}`}
          card={editing === "new" ? null : editing}
          onDone={() => {
            setEditing(null);
            setAttempt((a) => a + 1);
          }}
        />
      ) : null}
    </div>
  );
}

const EMPTY: Criterion = {
  id: "",
  name: "",
  weight: 1,
  critical: false,
  scale: "pass_fail",
  behaviour: null,
};

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 64) || "criterion"
  );
}

function Editor({ card, onDone }: { card: Scorecard | null; onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const choices = useFilterChoices({ channels: true });
  const [name, setName] = useState(card?.name ?? "");
  const [team, setTeam] = useState(card?.team ?? "");
  const [channel, setChannel] = useState(card?.channel ?? "");
  const [criteria, setCriteria] = useState<Criterion[]>(card?.criteria ?? [{ ...EMPTY }]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const change = (i: number, patch: Partial<Criterion>) =>
    setCriteria((list) => list.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    const body = {
      name: name.trim(),
      team: team || null,
      channel: channel || null,
      criteria: criteria.map((c) => ({ ...c, id: c.id || slug(c.name), name: c.name.trim() })),
    };
    try {
      if (card) await api(`/qa/scorecards/${encodeURIComponent(card.id)}`, { method: "PATCH", body });
      else await api("/qa/scorecards", { method: "POST", body });
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };
  const retire = async () => {
    if (!card) return;
    try {
      await api(`/qa/scorecards/${encodeURIComponent(card.id)}`, { method: "DELETE" });
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <form className="card qa-editor" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{card ? t("qa.cards.editTitle", { name: card.name }) : t("qa.cards.new")}</h3>
      <div className="filter-bar">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t("qa.cards.name")}</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-team`}>{t("qa.cards.team")}</label>
          <select id={`${id}-team`} value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">{t("qa.cards.any")}</option>
            {[...new Set([...(team ? [team] : []), ...choices.teams])].map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-channel`}>{t("qa.cards.channel")}</label>
          <select id={`${id}-channel`} value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">{t("qa.cards.any")}</option>
            {[...new Set([...(channel ? [channel] : []), ...choices.channels])].map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="qa-criteria-edit">
        <legend>{t("qa.cards.criteria")}</legend>
        {criteria.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the id may be empty while typing
          <div className="qa-criterion-row" key={i} data-row={i}>
            <div className="field">
              <label htmlFor={`${id}-${i}-name`}>{t("qa.cards.criterionName")}</label>
              <input
                id={`${id}-${i}-name`}
                value={c.name}
                maxLength={200}
                onChange={(e) => change(i, { name: e.target.value })}
              />
            </div>
            <div className="field qa-weight">
              <label htmlFor={`${id}-${i}-weight`}>{t("qa.review.weight")}</label>
              <input
                id={`${id}-${i}-weight`}
                type="number"
                min={0.1}
                max={100}
                step={0.1}
                value={c.weight}
                onChange={(e) => change(i, { weight: Number(e.target.value) })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-${i}-scale`}>{t("qa.cards.scale")}</label>
              <select
                id={`${id}-${i}-scale`}
                value={c.scale}
                onChange={(e) => change(i, { scale: e.target.value as QaScale })}
              >
                {QA_SCALES.map((s) => (
                  <option key={s} value={s}>
                    {t(`qa.scale.${s}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-${i}-behaviour`}>{t("qa.cards.behaviour")}</label>
              <select
                id={`${id}-${i}-behaviour`}
                value={c.behaviour ?? ""}
                onChange={(e) => change(i, { behaviour: (e.target.value || null) as QaBehaviour | null })}
              >
                <option value="">{t("qa.cards.noBehaviour")}</option>
                {QA_BEHAVIOURS.map((b) => (
                  <option key={b} value={b}>
                    {t(`qa.behaviour.${b}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field field-check">
              <input
                id={`${id}-${i}-critical`}
                type="checkbox"
                checked={c.critical}
                onChange={(e) => change(i, { critical: e.target.checked })}
              />
              <label htmlFor={`${id}-${i}-critical`}>{t("qa.review.critical")}</label>
            </div>
            <button
              type="button"
              className="button button-small button-ghost"
              onClick={() => setCriteria((list) => list.filter((_, j) => j !== i))}
              disabled={criteria.length === 1}
              aria-label={t("qa.cards.remove", { name: c.name || String(i + 1) })}
            >
              {t("qa.cards.removeShort")}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-small button-secondary"
          onClick={() => setCriteria((list) => [...list, { ...EMPTY }])}
        >
          {t("qa.cards.addCriterion")}
        </button>
      </fieldset>
      <p className="small muted">{t("qa.cards.criticalNote")}</p>
      {error ? (
        <p className="status status-error" role="alert" data-testid="scorecard-error">
          {error}
        </p>
      ) : null}
      <div className="qa-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? t("qa.review.saving") : t("qa.cards.save")}
        </button>
        <button type="button" className="button button-ghost" onClick={onDone}>
          {t("qa.cards.cancel")}
        </button>
        {card ? (
          <button type="button" className="button button-secondary" onClick={retire}>
            {t("qa.cards.retire")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
