import type { MessageKey } from "./en.ts";

/** Fills `{name}` in a dictionary's text with the values given; a placeholder without a value stays. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The translate function over one dictionary (I18nProvider's `t`, and tests' without React). */
export function translator(dictionary: Record<MessageKey, string>): Translate {
  return (key, values) =>
    dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      values && name in values ? String(values[name]) : whole,
    );
}
