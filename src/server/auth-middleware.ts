import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { allowed, principalOf } from "../auth/access-rules.ts";
import { secretHash } from "../auth/secrets.ts";
import { KohtaamoError } from "../domain/index.ts";
import type { Store } from "../store/index.ts";
import { maybePrincipal, setPrincipal } from "./auth-context.ts";
import { ruleFor } from "./route-rules.ts";

export const SESSION_COOKIE = "kohtaamo_session";
export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every /api/v1 request: who is calling (a Bearer API token, or the session cookie), then the
 * route's rule. Anonymous calls to non-public routes get 401, signed-in users outside the rule's
 * roles 403, and a route with no rule at all is refused. Writes made with a session cookie must
 * echo the session's CSRF token in X-CSRF-Token (API tokens are not sent by browsers on their own).
 */
export function authenticate(store: Store): MiddlewareHandler {
  return async (c, next) => {
    const rule = ruleFor(c.req.method, c.req.path);
    if (!rule) throw new KohtaamoError("not_found", `no route ${c.req.method} ${c.req.path}`);
    // Signed inbound hooks: no session, token or CSRF applies; the handler verifies the signature.
    if (rule.access === "signature") return next();
    const authorization = c.req.header("authorization");
    const cookie = getCookie(c, SESSION_COOKIE);
    if (authorization?.startsWith("Bearer ")) {
      const user = await store.access.tokenUser(secretHash(authorization.slice(7).trim()));
      if (!user) throw new KohtaamoError("unauthenticated", "the API token is unknown, revoked or expired");
      setPrincipal(c, principalOf(user, "token"));
    } else if (cookie) {
      const session = await store.access.sessionUser(secretHash(cookie));
      if (session) {
        if (
          !SAFE_METHODS.has(c.req.method) &&
          c.req.header(CSRF_HEADER) !== session.csrfToken &&
          rule.access !== "public"
        ) {
          throw new KohtaamoError(
            "forbidden",
            `missing or wrong ${CSRF_HEADER} header for a write with a session cookie`,
          );
        }
        setPrincipal(c, { ...principalOf(session.user, "session"), csrfToken: session.csrfToken });
      }
    }
    if (rule.access !== "public") {
      const p = maybePrincipal(c);
      if (!p)
        throw new KohtaamoError(
          "unauthenticated",
          "sign in first (POST /api/v1/auth/login) or send Authorization: Bearer <token>",
        );
      if (!allowed(p, rule.access)) {
        throw new KohtaamoError("forbidden", `the ${p.role} role may not ${c.req.method} ${rule.path}`);
      }
    }
    await next();
  };
}
