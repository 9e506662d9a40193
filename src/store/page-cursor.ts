import { KohtaamoError } from "../domain/index.ts";

/** A page of a keyset-paginated list; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Common list filters. `from` is inclusive, `to` exclusive; both ISO instants. */
export interface ListFilter {
  from?: string;
  to?: string;
  team?: string;
  /** Only these teams (an empty list matches nothing): how a team lead's view is scoped. */
  teamIn?: readonly string[];
  agent?: string;
  channel?: string;
  touchpoint?: string;
  customerId?: string;
  cursor?: string;
  limit?: number;
}

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

/**
 * Cursors are opaque to clients: the (timestamp, id) of the last row seen, so pages stay stable
 * while new records arrive, unlike offsets.
 */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString("base64url");
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string") {
      return [v[0], v[1]];
    }
  } catch {
    // fall through to the typed error
  }
  throw new KohtaamoError("bad_request", "cursor: not a cursor this server issued");
}

export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(1, limit ?? DEFAULT_PAGE), MAX_PAGE);
}

export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => [string, string]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const more = rows.length > limit && last !== undefined;
  return { items, nextCursor: more ? encodeCursor(...keyOf(last)) : null };
}
