import { useEffect, useId } from "react";
import type { Filters } from "../filters.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { channelName } from "./dimension-names.ts";

const PRESETS = [1, 3, 6, 12] as const;
/** The months an address without a period shows: the latest three, each compared with the three before. */
export const DEFAULT_MONTHS = 3;

/** Whether the address names no period, so FilterBar will set the default one (pages may wait for it). */
export function needsDefaultPeriod(filters: Filters): boolean {
  return !filters.from && !filters.to && filters.period !== "all";
}

interface Props {
  filters: Filters;
  onChange(changes: Partial<Filters>, options?: { replace?: boolean }): void;
  /** Months with data, oldest first (YYYY-MM). */
  months: readonly string[];
  /** Left out on a page the team filter does not apply to: no team control. */
  teams?: readonly string[];
  /** Left out on a page the channel filter does not apply to: no channel control. */
  channels?: readonly string[];
}

/**
 * Period, team and channel: the filters of every page, written to the address so a view can be shared.
 * An address that names no period (a bookmark, a link, the first visit) gets the latest three months
 * with answers, on every page alike, so the same address shows the same figures whichever page it
 * opens; `period=all` is the whole history chosen on purpose (needsDefaultPeriod).
 */
export function FilterBar({ filters, onChange, months, teams, channels }: Props) {
  const { t, month } = useI18n();
  const id = useId();
  const last = months[months.length - 1];
  const defaulted = needsDefaultPeriod(filters) && months.length >= DEFAULT_MONTHS;
  useEffect(() => {
    if (defaulted)
      onChange(
        { from: months[months.length - DEFAULT_MONTHS] ?? null, to: months[months.length - 1] ?? null },
        { replace: true },
      );
  }, [defaulted, months, onChange]);
  const presets = PRESETS.filter((n) => n <= months.length).map((n) => ({
    value: `last${n}`,
    label: n === 1 ? t("filters.periodLatest") : t("filters.periodLast", { months: n }),
    from: months[months.length - n] as string,
    to: last as string,
  }));
  const chosen = presets.find((p) => p.from === filters.from && p.to === filters.to);
  const current = !filters.from || !filters.to ? "all" : (chosen?.value ?? "custom");
  const choosePeriod = (value: string) => {
    const preset = presets.find((p) => p.value === value);
    onChange(
      preset ? { from: preset.from, to: preset.to, period: null } : { from: null, to: null, period: "all" },
    );
  };
  return (
    <search className="filter-bar" aria-label={t("filters.label")}>
      <div className="field">
        <label htmlFor={`${id}-period`}>{t("filters.period")}</label>
        <select id={`${id}-period`} value={current} onChange={(e) => choosePeriod(e.target.value)}>
          {presets.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
          {current === "custom" && filters.from && filters.to ? (
            <option value="custom">
              {t("filters.periodCustom", { from: month(filters.from), to: month(filters.to) })}
            </option>
          ) : null}
          <option value="all">{t("filters.periodAll")}</option>
        </select>
      </div>
      {teams ? (
        <Choice
          id={`${id}-team`}
          label={t("filters.team")}
          any={t("filters.any")}
          value={filters.team}
          options={teams}
          onChange={(team) => onChange({ team })}
        />
      ) : null}
      {channels ? (
        <Choice
          id={`${id}-channel`}
          label={t("filters.channel")}
          any={t("filters.any")}
          value={filters.channel}
          options={channels}
          name={(channel) => channelName(channel, t)}
          onChange={(channel) => onChange({ channel })}
        />
      ) : null}
    </search>
  );
}

function Choice(props: {
  id: string;
  label: string;
  any: string;
  value: string | null;
  options: readonly string[];
  /** How an option is shown (a channel's localized name); the value stays the stored id. */
  name?(value: string): string;
  onChange(value: string | null): void;
}) {
  const options =
    props.value && !props.options.includes(props.value) ? [...props.options, props.value] : props.options;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value ?? ""}
        onChange={(e) => props.onChange(e.target.value || null)}
      >
        <option value="">{props.any}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {props.name ? props.name(o) : o}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One of a list's filters as a select: "All" (no value) and its choices as [value, label]. */
export function ParamSelect({
  id,
  label,
  value,
  choices,
  onChange,
}: {
  id: string;
  label: string;
  value: string | null;
  choices: readonly (readonly [string, string])[];
  onChange(value: string | null): void;
}) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{t("filters.any")}</option>
        {choices.map(([choice, name]) => (
          <option key={choice} value={choice}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
