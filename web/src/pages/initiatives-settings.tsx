import { type FormEvent, useId, useState } from "react";
import { api } from "../api.ts";
import { Await, FieldError } from "../components/status.tsx";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { fieldProblems, useFresh } from "./initiatives-data.ts";
import { euros } from "./initiatives-list.tsx";
import type { Settings } from "./initiatives-types.ts";

const FIELDS = ["customers", "yearlyValueEur", "churnGap"] as const;
type Field = (typeof FIELDS)[number];

/** The figures that price a point of NPS, where each comes from, and (for planners) the form to set them. */
export function SettingsPanel({
  canPlan,
  version,
  onSaved,
}: {
  canPlan: boolean;
  version: number;
  onSaved: () => void;
}) {
  const i18n = useI18n();
  const { t, num, date } = i18n;
  const id = useId();
  const loaded = useFresh<Settings>("/initiatives/settings", version);
  return (
    <section
      className="card initiatives-settings"
      aria-labelledby={`${id}-h`}
      data-testid="initiative-settings"
    >
      <h2 id={`${id}-h`}>{t("initiatives.settingsTitle")}</h2>
      <Await loaded={loaded}>
        {(s) => {
          const p = s.pointPrice;
          const source = (k: Field) => t(`initiatives.source.${p.sources[k]}` as MessageKey);
          return (
            <>
              <dl className="initiatives-tiles">
                <div className="initiatives-tile">
                  <dt>{t("initiatives.perPoint")}</dt>
                  <dd className="initiatives-tile-value" data-testid="point-price">
                    {t("initiatives.perYear", { value: euros(i18n, p.perNpsPointEur) })}
                  </dd>
                </div>
                <div className="initiatives-tile">
                  <dt>{t("initiatives.valueAtStake")}</dt>
                  <dd className="initiatives-tile-value">
                    {t("initiatives.perYear", { value: euros(i18n, p.valueAtStakeEur) })}
                  </dd>
                  <dd className="small muted">{t("initiatives.valueAtStakeHint")}</dd>
                </div>
              </dl>
              <dl className="initiatives-facts">
                <dt>{t("initiatives.customers")}</dt>
                <dd data-source={p.sources.customers}>
                  {num(p.customers, 0)} <span className="small muted">({source("customers")})</span>
                </dd>
                <dt>{t("initiatives.yearlyValue")}</dt>
                <dd data-source={p.sources.yearlyValueEur}>
                  {euros(i18n, p.yearlyValueEur)}{" "}
                  <span className="small muted">({source("yearlyValueEur")})</span>
                </dd>
                <dt>{t("initiatives.churnGap")}</dt>
                <dd data-source={p.sources.churnGap}>
                  {num(p.churnGap * 100, 1)} <span className="small muted">({source("churnGap")})</span>
                </dd>
              </dl>
              {s.updatedBy && s.updatedAt ? (
                <p className="small muted">
                  {t("initiatives.settingsUpdated", { who: s.updatedBy, date: date(s.updatedAt) })}
                </p>
              ) : null}
              {/* keyed by the locale: the figures are written again in the new language's way */}
              {canPlan ? <SettingsForm key={i18n.locale} settings={s} onSaved={onSaved} /> : null}
            </>
          );
        }}
      </Await>
    </section>
  );
}

/** A figure as the locale writes it ("12 000", "12,000"; up to 3 decimals), "" for none. */
const formatted = (locale: string, v: number | null | undefined, scale = 1) =>
  v === null || v === undefined
    ? ""
    : new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(Math.round(v * scale * 1000) / 1000);

/**
 * Typed text → a number, as the locale writes it or plainly: "12 000 €", "12000", "€12,000",
 * "12,5" (Finnish decimal comma), "12.5". Anything else is sent as typed, for the API to refuse.
 */
export function parseLocaleNumber(text: string, locale: string): number | string | null {
  const bare = text.trim().replace(/[\s\u00a0\u202f€]/g, "");
  if (bare === "") return null;
  const decimalComma = new Intl.NumberFormat(locale).format(1.5).includes(",");
  // Finnish groups with spaces, so a dot there is a decimal point too ("12.5" as typed on a keypad).
  const plain =
    decimalComma && bare.includes(",") ? bare.replace(/\./g, "").replace(",", ".") : bare.replace(/,/g, "");
  const n = /^-?\d*\.?\d+$/.test(plain) ? Number(plain) : Number.NaN;
  return Number.isFinite(n) ? n : text.trim();
}

function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const shown = (v: number | null | undefined, scale = 1) => formatted(locale, v, scale);
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({
    customers: shown(settings.customers),
    yearlyValueEur: shown(settings.yearlyValueEur),
    churnGap: shown(settings.churnGap, 100),
  });
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const parse = (text: string, scale = 1): number | string | null => {
    const n = parseLocaleNumber(text, locale);
    return typeof n === "number" ? n / scale : n;
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setSaved(false);
    setProblems(new Map());
    try {
      const stored = await api<Settings>("/initiatives/settings", {
        method: "PUT",
        body: {
          customers: parse(values.customers),
          yearlyValueEur: parse(values.yearlyValueEur),
          churnGap: parse(values.churnGap, 100),
        },
      });
      // The figures as stored, written as the locale writes them ("12 000 €" typed → "12 000").
      setValues({
        customers: shown(stored.customers),
        yearlyValueEur: shown(stored.yearlyValueEur),
        churnGap: shown(stored.churnGap, 100),
      });
      setSaved(true);
      onSaved();
    } catch (err) {
      setProblems(fieldProblems(err, FIELDS));
    } finally {
      setSaving(false);
    }
  };
  const labels: Record<Field, MessageKey> = {
    customers: "initiatives.customers",
    yearlyValueEur: "initiatives.yearlyValue",
    churnGap: "initiatives.churnGap",
  };
  // The figure in use when the field is left empty: from the data or the default.
  const p = settings.pointPrice;
  const placeholders: Record<Field, string> = {
    customers: shown(p.customers),
    yearlyValueEur: shown(p.yearlyValueEur),
    churnGap: shown(p.churnGap, 100),
  };
  const general = problems.get("");
  return (
    <form className="initiatives-settings-form" onSubmit={submit} noValidate aria-describedby={`${id}-hint`}>
      <p id={`${id}-hint`} className="small muted">
        {t("initiatives.settingsHint")}
      </p>
      {general ? (
        <p className="status status-error" role="alert">
          {t("initiatives.refused", { message: general })}
        </p>
      ) : null}
      <div className="initiatives-form-grid">
        {FIELDS.map((f) => {
          const error = problems.get(f);
          const describedBy = [
            f === "churnGap" ? `${id}-${f}-hint` : "",
            f === "yearlyValueEur" ? `${id}-${f}-inuse` : "",
            error ? `${id}-${f}-error` : "",
          ]
            .filter(Boolean)
            .join(" ");
          return (
            <div className="field" key={f}>
              <label htmlFor={`${id}-${f}`}>{t(labels[f])}</label>
              <input
                id={`${id}-${f}`}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={values[f]}
                placeholder={placeholders[f]}
                onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy || undefined}
              />
              {f === "churnGap" ? (
                <p id={`${id}-${f}-hint`} className="small muted">
                  {t("initiatives.churnGapHint")}
                </p>
              ) : null}
              {f === "yearlyValueEur" ? (
                <p id={`${id}-${f}-inuse`} className="small muted" data-testid="yearly-value-in-use">
                  {t("initiatives.inUse", { value: euros(i18n, p.yearlyValueEur) })}
                </p>
              ) : null}
              <FieldError id={`${id}-${f}-error`} text={error} />
            </div>
          );
        })}
      </div>
      <button type="submit" className="button" disabled={saving}>
        {saving ? t("initiatives.saving") : t("initiatives.saveSettings")}
      </button>
      {saved ? (
        <p className="small muted" role="status">
          {t("initiatives.saved")}
        </p>
      ) : null}
    </form>
  );
}
