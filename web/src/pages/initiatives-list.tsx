import { useEffect, useRef, useState } from "react";
import { api } from "../api.ts";
import { TableScroll } from "../components/table-scroll.tsx";
import { type I18n, useI18n } from "../i18n/i18n-context.tsx";
import type { Initiative } from "./initiatives-types.ts";

/** Euros without decimals, in the language's style: 12 000 € / €12,000. */
export function euros(i18n: Pick<I18n, "locale">, value: number | null | undefined): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "–";
  return new Intl.NumberFormat(i18n.locale, {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: 0,
  }).format(value);
}

/** "1,2 (0,4–2,0)": the expected gain and its interval; the owner's estimate has no interval. */
export function gainText(
  i18n: Pick<I18n, "t" | "num">,
  gain: Pick<Initiative["gain"], "value" | "low" | "high">,
) {
  if (gain.low === null || gain.high === null || gain.low === undefined || gain.high === undefined)
    return i18n.num(gain.value, 1);
  return i18n.t("initiatives.gainText", {
    value: i18n.num(gain.value, 1),
    low: i18n.num(gain.low, 1),
    high: i18n.num(gain.high, 1),
  });
}

/** The scale every interval bar of one list shares, so bars compare: 0 … the largest upper end. */
export function gainScale(gains: readonly Pick<Initiative["gain"], "value" | "low" | "high">[]) {
  let lo = 0;
  let hi = 0;
  for (const g of gains) {
    lo = Math.min(lo, g.value, g.low ?? g.value);
    hi = Math.max(hi, g.value, g.high ?? g.value);
  }
  if (hi - lo < 0.5) hi = lo + 0.5;
  return { lo, hi };
}

/** A small drawn interval: the range as a bar, the estimate as a tick. Decoration: the text beside says it. */
export function IntervalBar({
  gain,
  scale,
}: {
  gain: Pick<Initiative["gain"], "value" | "low" | "high">;
  scale: { lo: number; hi: number };
}) {
  const at = (x: number) => `${(((x - scale.lo) / (scale.hi - scale.lo)) * 100).toFixed(1)}%`;
  const low = gain.low ?? gain.value;
  const high = gain.high ?? gain.value;
  return (
    <span className="initiatives-interval" aria-hidden="true">
      {high > low ? (
        <span
          className="initiatives-interval-range"
          style={{ left: at(low), width: `calc(${at(high)} - ${at(low)})` }}
        />
      ) : null}
      <span className="initiatives-interval-point" style={{ left: at(gain.value) }} />
    </span>
  );
}

/** The ranked list: the order is the API's (expected gain, then cost). */
export function InitiativesTable({
  items,
  themeNames,
  canPlan,
  onEdit,
  onDeleted,
}: {
  items: readonly Initiative[];
  themeNames: Map<string, string>;
  canPlan: boolean;
  onEdit: (i: Initiative) => void;
  onDeleted: () => void;
}) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const scale = gainScale(items.map((i) => i.gain));
  return (
    <TableScroll label={t("initiatives.listCaption")}>
      <table className="table initiatives-table">
        <caption className="visually-hidden">{t("initiatives.listCaption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t("initiatives.rank")}
            </th>
            <th scope="col">{t("initiatives.initiative")}</th>
            <th scope="col">
              {t("initiatives.gain")}
              <span className="visually-hidden"> ({t("initiatives.gainHint")})</span>
            </th>
            <th scope="col" className="num">
              {t("initiatives.value")}
            </th>
            <th scope="col" className="num">
              {t("initiatives.cost")}
            </th>
            <th scope="col">{t("initiatives.goal")}</th>
            <th scope="col">{t("initiatives.status")}</th>
            <th scope="col">{t("initiatives.themes")}</th>
            {canPlan ? <th scope="col">{t("initiatives.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((item, k) => (
            <tr key={item.id} data-initiative={item.id} data-status={item.status}>
              <td className="num">{k + 1}</td>
              <th scope="row">
                <span className="initiatives-title">{item.title}</span>
                {item.gain.noMeasurableEffect ? (
                  <span className="badge initiatives-badge-warning" title={t("initiatives.noEffectHint")}>
                    {t("initiatives.noEffect")}
                  </span>
                ) : null}
                {item.owner ? (
                  <span className="small muted initiatives-sub">
                    {t("initiatives.owner")}: {item.owner}
                  </span>
                ) : null}
                {item.doneOn ? (
                  <span className="small muted initiatives-sub">
                    {t("initiatives.doneOn", { date: date(`${item.doneOn}T12:00:00Z`) })}
                  </span>
                ) : null}
              </th>
              <td className="initiatives-gain" data-testid="initiative-gain">
                <IntervalBar gain={item.gain} scale={scale} />
                <span className="initiatives-gain-text">{gainText(i18n, item.gain)}</span>
                {item.gain.source === "owner" ? (
                  <span className="badge badge-info">{t("initiatives.ownerEstimate")}</span>
                ) : null}
              </td>
              <td className="num">{euros(i18n, item.valueEur)}</td>
              <td className="num">{euros(i18n, item.cost)}</td>
              <td>{t(`initiatives.goal.${item.goal}`)}</td>
              <td>{t(`initiatives.status.${item.status}`)}</td>
              <td>
                {item.themeIds.length === 0 ? (
                  <span className="muted">{t("initiatives.noThemes")}</span>
                ) : (
                  item.themeIds.map((id) => themeNames.get(id) ?? id).join(", ")
                )}
              </td>
              {canPlan ? (
                <td>
                  <RowActions item={item} onEdit={onEdit} onDeleted={onDeleted} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Edit, and delete after an inline confirmation (no browser dialog: it reads and tests like the rest). */
function RowActions({
  item,
  onEdit,
  onDeleted,
}: {
  item: Initiative;
  onEdit: (i: Initiative) => void;
  onDeleted: () => void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const yes = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // Focus follows the question: to "Yes, delete" when it appears, back to Delete when cancelled.
  useEffect(() => {
    if (confirming) yes.current?.focus();
    else if (asked.current) ask.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/initiatives/${encodeURIComponent(item.id)}`, { method: "DELETE" });
      onDeleted();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  if (confirming)
    return (
      <div className="initiatives-actions">
        <span className="small">{t("initiatives.confirmDelete", { title: item.title })}</span>
        <button ref={yes} type="button" className="button button-small" onClick={remove} disabled={busy}>
          {t("initiatives.confirmYes")}
        </button>
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => setConfirming(false)}
        >
          {t("initiatives.cancel")}
        </button>
        {error ? (
          <p className="status status-error small" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    );
  return (
    <div className="initiatives-actions">
      <button
        type="button"
        className="button button-small"
        aria-label={t("initiatives.editNamed", { title: item.title })}
        onClick={() => onEdit(item)}
      >
        {t("initiatives.edit")}
      </button>
      <button
        ref={ask}
        type="button"
        className="button button-small button-ghost"
        aria-label={t("initiatives.deleteNamed", { title: item.title })}
        onClick={() => setConfirming(true)}
      >
        {t("initiatives.delete")}
      </button>
    </div>
  );
}
