import fs from "node:fs";
import { type Answer, type FakeVendor, fakeVendorServer } from "./fake-vendor-server.ts";

/**
 * A fake Chatwoot on loopback that serves test/fixtures/chatwoot/account.json the way Chatwoot's
 * application API answers (`api_access_token` header): the inbox list `{payload}`; the conversation
 * list `{data: {meta: {…_count}, payload}}` by `page`, filtered by `status` (open when not given,
 * as Chatwoot does) and ordered by `sort_by`; one conversation by id; a conversation's messages `{meta, payload}` — the
 * latest ones, or those `before` a message id, oldest first; CSAT survey responses as a bare array
 * by `page`, `sort=created_at`, `since` + `until`. Pages are small (2) so every paging path runs;
 * 429 with Retry-After on request, and a request can be held unanswered (to kill a pull there).
 */
export interface ChatwootAccount {
  account_id: number;
  inboxes: Record<string, unknown>[];
  conversations: { id: number; status: string; created_at: number; last_activity_at: number }[];
  messages: Record<string, { id: number }[]>;
  csat_survey_responses: { created_at: number }[];
}

export type FakeChatwoot = FakeVendor;

const PAGE = 2;

export function chatwootAccount(): ChatwootAccount {
  return JSON.parse(
    fs.readFileSync(new URL("../fixtures/chatwoot/account.json", import.meta.url), "utf8"),
  ) as ChatwootAccount;
}

export async function fakeChatwoot(account: ChatwootAccount, apiToken: string): Promise<FakeChatwoot> {
  const prefix = `/api/v1/accounts/${account.account_id}`;

  const route = (url: URL, answer: Answer) => {
    const page = <T>(items: T[]) => {
      const n = Math.max(1, Number(url.searchParams.get("page") ?? 1));
      return items.slice((n - 1) * PAGE, n * PAGE);
    };
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : null;
    if (path === "/inboxes") return answer(200, { payload: account.inboxes });
    if (path === "/conversations") {
      const status = url.searchParams.get("status") ?? "open";
      const sort = url.searchParams.get("sort_by") ?? "last_activity_at_desc";
      const matching = account.conversations.filter((c) => status === "all" || c.status === status);
      const sorted =
        sort === "created_at_asc"
          ? [...matching].sort((a, b) => a.created_at - b.created_at)
          : [...matching].sort((a, b) => b.last_activity_at - a.last_activity_at);
      const count = matching.length;
      return answer(200, {
        data: {
          meta: { mine_count: 0, assigned_count: count, unassigned_count: 0, all_count: count },
          payload: page(sorted),
        },
      });
    }
    const one = /^\/conversations\/(\d+)$/.exec(path ?? "");
    if (one) {
      const found = account.conversations.find((c) => String(c.id) === one[1]);
      return found ? answer(200, found) : answer(404, { error: "Resource could not be found" });
    }
    const messages = /^\/conversations\/(\d+)\/messages$/.exec(path ?? "");
    if (messages) {
      const list = account.messages[messages[1] ?? ""];
      if (!list) return answer(404, { error: "Resource could not be found" });
      const before = Number(url.searchParams.get("before") ?? Number.POSITIVE_INFINITY);
      const earlier = list.filter((m) => m.id < before).sort((a, b) => a.id - b.id);
      return answer(200, {
        meta: { labels: [], additional_attributes: {}, agent_last_seen_at: 0 },
        payload: earlier.slice(-PAGE),
      });
    }
    if (path === "/csat_survey_responses") {
      const since = url.searchParams.get("since");
      const until = url.searchParams.get("until");
      // Chatwoot filters by date only when both ends are given.
      const inRange = account.csat_survey_responses.filter(
        (r) => !since || !until || (r.created_at >= Number(since) && r.created_at <= Number(until)),
      );
      const sorted =
        url.searchParams.get("sort") === "created_at"
          ? [...inRange].sort((a, b) => a.created_at - b.created_at)
          : inRange;
      return answer(200, page(sorted));
    }
    return answer(404, { error: "Not found" });
  };
  return fakeVendorServer({
    authorized: (req) => req.headers.api_access_token === apiToken,
    unauthorizedBody: { errors: ["You need to sign in or sign up before continuing."] },
    rateLimitedBody: { error: "Retry later" },
    route,
  });
}
