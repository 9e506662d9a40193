import { InvalidArgumentError } from "commander";

/**
 * Parsers for numeric command-line options, for commander's `.option(flags, description, parser)`.
 * `Number("abc")` and `parseInt("12abc")` give NaN or a silent 12; these refuse anything but a
 * whole number in range, and commander prints the option with the reason
 * (`error: option '--port <n>' argument 'abc' is invalid. expected a whole number from 0 to 65535`).
 */
export function wholeNumber(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
  return (value) => {
    const trimmed = value.trim();
    const n = /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number ${range}`);
    }
    return n;
  };
}

/** A TCP port; 0 lets the system choose a free one. */
export const portNumber = wholeNumber(0, 65_535);
/** A count of days, items or the like that must be at least one. */
export const positiveWholeNumber = wholeNumber(1);
