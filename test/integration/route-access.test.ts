import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../src/auth/roles.ts";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import { ruleFor } from "../../src/server/route-rules.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";

/**
 * The route × role matrix, generated from the app's own route table: every /api/v1 route must
 * have a rule, anonymous callers get 401 on all but the public ones, and each role gets 403
 * exactly where the rule leaves it out. A new route without a rule fails here.
 */
const SAMPLE_PARAMS: Record<string, string> = { id: "no-such-id", metric: "nps" };

function apiRoutes(app: ReturnType<typeof createApp>): { method: string; path: string }[] {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/v1/"))
    .map((r) => ({
      method: r.method,
      path: r.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? "x"),
    }))
    .filter((r) => {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

for (const dialect of DIALECTS.slice(0, 1)) {
  describe(`route × role access matrix (${dialect})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;
    const headers = new Map<Role, Record<string, string>>();

    beforeAll(async () => {
      ({ store, dispose } = await freshStore(dialect));
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline: ingestPipeline({ analyzer: null }) });
      for (const role of ROLES) headers.set(role, (await signedIn(store, role)).headers);
    });
    afterAll(async () => {
      await dispose?.();
    });

    it("has a rule for every API route", () => {
      const routes = apiRoutes(app);
      expect(routes.length).toBeGreaterThan(20);
      const missing = routes.filter((r) => !ruleFor(r.method, r.path));
      expect(missing, "routes without an access rule in src/server/route-rules.ts").toEqual([]);
    });

    it("answers every route × role as its rule says", async () => {
      const problems: string[] = [];
      for (const route of apiRoutes(app)) {
        const rule = ruleFor(route.method, route.path);
        if (!rule) continue;
        const send = (extra: Record<string, string>) =>
          app.request(route.path, {
            method: route.method,
            headers: { "content-type": "application/json", ...extra },
            ...(route.method === "GET" ? {} : { body: route.path.endsWith("/login") ? "{}" : "[]" }),
          });
        const anonymous = (await send({})).status;
        if (rule.access === "public" ? anonymous === 401 || anonymous === 403 : anonymous !== 401) {
          problems.push(`${route.method} ${route.path} anonymous → ${anonymous}`);
        }
        if (rule.access === "public" || rule.access === "signature") continue;
        for (const role of ROLES) {
          const status = (await send(headers.get(role) ?? {})).status;
          const permitted = rule.access.includes(role);
          if (permitted ? status === 401 || status === 403 : status !== 403) {
            problems.push(
              `${route.method} ${route.path} as ${role} → ${status} (rule: ${rule.access.join(", ")})`,
            );
          }
        }
      }
      expect(problems).toEqual([]);
    }, 120_000);

    it("refuses routes that do not exist rather than opening them", async () => {
      const res = await app.request("/api/v1/not-a-route", { headers: headers.get("admin") ?? {} });
      expect(res.status).toBe(404);
    });
  });
}
