import type { Context } from "hono";
import type { Principal } from "../auth/access-rules.ts";
import { KohtaamoError } from "../domain/index.ts";

const PRINCIPAL = "principal";

export function setPrincipal(c: Context, principal: Principal): void {
  c.set(PRINCIPAL as never, principal as never);
}

/** The signed-in user of this request; the auth middleware has already refused anonymous calls to such routes. */
export function principal(c: Context): Principal {
  const p = c.get(PRINCIPAL as never) as Principal | undefined;
  if (!p) throw new KohtaamoError("unauthenticated", "sign in first");
  return p;
}

export function maybePrincipal(c: Context): Principal | undefined {
  return c.get(PRINCIPAL as never) as Principal | undefined;
}
