import fs from "node:fs";
import { type Answer, type FakeVendor, fakeVendorServer } from "./fake-vendor-server.ts";

/**
 * A fake Zendesk on loopback that serves test/fixtures/zendesk/account.json the way Zendesk's API
 * answers: the incremental cursor ticket export (`per_page`, `start_time` then `cursor`,
 * `after_cursor`, `end_of_stream`), List Comments and List Groups and Satisfaction Ratings with
 * cursor pagination (`page[size]`, `page[after]`, `meta.has_more`, `meta.after_cursor`, `links`),
 * side-loaded comment authors (`include=users`), basic auth `{email}/token:{api_token}`, and
 * 429 answers with Retry-After on request. Lists are paged small (2) so every paging path runs.
 */
export interface ZendeskAccount {
  groups: Record<string, unknown>[];
  users: { id: number }[];
  tickets: { id: number; generated_timestamp: number }[];
  comments: Record<string, { author_id: number }[]>;
  satisfaction_ratings: { created_at: string; score: string }[];
}

export type FakeZendesk = FakeVendor;

const LIST_PAGE = 2;

export function zendeskAccount(): ZendeskAccount {
  return JSON.parse(
    fs.readFileSync(new URL("../fixtures/zendesk/account.json", import.meta.url), "utf8"),
  ) as ZendeskAccount;
}

export async function fakeZendesk(
  account: ZendeskAccount,
  auth: { email: string; apiToken: string },
): Promise<FakeZendesk> {
  const expected = `Basic ${Buffer.from(`${auth.email}/token:${auth.apiToken}`).toString("base64")}`;
  const cursor = (s: string) => Buffer.from(s).toString("base64url");
  const uncursor = (s: string) => Buffer.from(s, "base64url").toString();

  const route = (url: URL, answer: Answer, base: string) => {
    const size = (fallback: number) =>
      Math.min(Number(url.searchParams.get("page[size]") ?? fallback), LIST_PAGE);
    /** Cursor pagination over `items`, as List Comments / Groups / Satisfaction Ratings answer. */
    const cursorPage = <T>(items: T[]) => {
      const after = url.searchParams.get("page[after]");
      const from = after ? Number(uncursor(after)) : 0;
      const page = items.slice(from, from + size(100));
      const end = from + page.length;
      const more = end < items.length;
      const next = new URL(url.pathname, base);
      next.searchParams.set("page[size]", String(size(100)));
      next.searchParams.set("page[after]", cursor(String(end)));
      const paging = {
        meta: {
          has_more: more,
          after_cursor: more ? cursor(String(end)) : null,
          before_cursor: cursor(String(from)),
        },
        links: { next: more ? next.toString() : null, prev: null },
      };
      return { page, paging };
    };

    if (url.pathname === "/api/v2/incremental/tickets/cursor.json") {
      const perPage = Number(url.searchParams.get("per_page") ?? 1000);
      const sorted = [...account.tickets].sort((a, b) => a.generated_timestamp - b.generated_timestamp);
      const c = url.searchParams.get("cursor");
      const start = Number(url.searchParams.get("start_time") ?? Number.NaN);
      if (c === null && Number.isNaN(start)) {
        return answer(400, {
          error: "InvalidPaginationParameter",
          description: "start_time or cursor is required",
        });
      }
      const from = c !== null ? Number(uncursor(c)) : sorted.findIndex((t) => t.generated_timestamp >= start);
      const first = from < 0 ? sorted.length : from;
      const page = sorted.slice(first, first + perPage);
      const end = first + page.length;
      const after = cursor(String(end));
      return answer(200, {
        tickets: page,
        after_url: `${base}/api/v2/incremental/tickets/cursor.json?cursor=${after}`,
        after_cursor: after,
        before_url: null,
        before_cursor: null,
        end_of_stream: end >= sorted.length,
      });
    }
    const comments = /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/.exec(url.pathname);
    if (comments) {
      const list = account.comments[comments[1] ?? ""];
      if (!list) return answer(404, { error: "RecordNotFound", description: "Not found" });
      const { page, paging } = cursorPage(list);
      const authors = new Set(page.map((x) => x.author_id));
      const users =
        url.searchParams.get("include") === "users" ? account.users.filter((u) => authors.has(u.id)) : [];
      return answer(200, { comments: page, users, ...paging });
    }
    if (url.pathname === "/api/v2/groups.json") {
      const { page, paging } = cursorPage(account.groups);
      return answer(200, { groups: page, ...paging });
    }
    if (url.pathname === "/api/v2/satisfaction_ratings.json") {
      const since = Number(url.searchParams.get("start_time") ?? 0);
      const received = url.searchParams.get("score") === "received";
      const ratings = account.satisfaction_ratings.filter(
        (r) => Date.parse(r.created_at) / 1000 >= since && (!received || /^(good|bad)/.test(r.score)),
      );
      const { page, paging } = cursorPage(ratings);
      return answer(200, { satisfaction_ratings: page, ...paging });
    }
    return answer(404, { error: "InvalidEndpoint", description: "Not found" });
  };
  return fakeVendorServer({
    authorized: (req) => req.headers.authorization === expected,
    unauthorizedBody: { error: "Couldn't authenticate you" },
    rateLimitedBody: {
      error: "APIRateLimitExceeded",
      description: "Number of allowed API requests per minute exceeded",
    },
    route,
  });
}
