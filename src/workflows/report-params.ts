import { z } from "@hono/zod-openapi";
import { CHANNELS, KohtaamoError } from "../domain/index.ts";
import { parseChannel, parseInstant } from "../ingest/field-values.ts";
import type { ListFilter } from "../store/index.ts";

/**
 * The parameters reports accept, as zod schemas: the HTTP query schema, the CLI's options
 * (`--from`, `--by`, …, with these descriptions) and the OpenAPI parameters all come from them.
 */
export const FILTER_PARAMS = {
  from: z.string().optional().describe("first day included (YYYY-MM-DD, ISO 8601 or d.m.yyyy)"),
  to: z.string().optional().describe("first day excluded (YYYY-MM-DD, ISO 8601 or d.m.yyyy)"),
  team: z.string().optional().describe("only this team"),
  agent: z.string().optional().describe("only this agent"),
  channel: z
    .string()
    .optional()
    .describe(`only this channel (${CHANNELS.join(", ")}, a Finnish name such as puhelin, or your own)`),
};

export const FilterParams = z.object(FILTER_PARAMS);

/** A `by` parameter over the given groupings. */
export function byParam<const T extends readonly [string, ...string[]]>(groupings: T) {
  return z
    .enum(groupings)
    .optional()
    .describe(`break down by ${groupings.join(", ")}`);
}

/** Report parameters → a store filter; dates in the same formats as imports, naive ones in the given zone. */
export function reportFilter(
  params: { from?: string; to?: string; team?: string; agent?: string; channel?: string },
  timeZone: string,
): ListFilter {
  const valid = <T>(field: string, parsed: { ok: true; value: T } | { ok: false; reason: string }): T => {
    if (!parsed.ok) {
      throw new KohtaamoError("bad_request", `${field}: ${parsed.reason}`, {
        problems: [{ field, reason: parsed.reason }],
      });
    }
    return parsed.value;
  };
  const filter: ListFilter = {};
  if (params.from) filter.from = valid("from", parseInstant(params.from, timeZone));
  if (params.to) filter.to = valid("to", parseInstant(params.to, timeZone));
  if (params.team) filter.team = params.team;
  if (params.agent) filter.agent = params.agent;
  if (params.channel) filter.channel = valid("channel", parseChannel(params.channel));
  return filter;
}
