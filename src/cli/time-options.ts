import { KohtaamoError } from "../domain/index.ts";
import { parseInstant } from "../ingest/field-values.ts";

/** A --from/--to date given on the command line, as an ISO instant (Finnish or ISO formats). */
export function parseInstantOption(option: string, text: string, timeZone: string): string {
  const parsed = parseInstant(text, timeZone);
  if (!parsed.ok) throw new KohtaamoError("bad_request", `${option}: ${parsed.reason}`);
  return parsed.value;
}
