import { KohtaamoError } from "../domain/index.ts";
import type { OidcSettings } from "./oidc-settings.ts";
import { ROLES, type Role } from "./roles.ts";

/** Who signed in, as Kohtaamo needs it. Key accounts by (issuer, subject), not by email. */
export interface OidcIdentity {
  issuer: string;
  /** The `sub` claim: stable per user at this issuer. */
  subject: string;
  email: string;
  name?: string;
  role: Role;
  teams: string[];
}

/**
 * The role for a user's role-claim values: of all values present in `roleMap`, the one mapped to
 * the most privileged role wins (order of ROLES: admin > analyst > manager > agent > viewer), so
 * a user in both "cx-viewers" and "cx-admins" is an admin whatever order the IdP lists them in.
 * Returns `defaultRole` when nothing matches (undefined when that is absent too).
 *
 * @example roleForClaim(["g-1", "cx-analysts"], { "cx-analysts": "analyst" }) // "analyst"
 */
export function roleForClaim(
  value: unknown,
  roleMap: Record<string, Role>,
  defaultRole?: Role,
): Role | undefined {
  const mapped = new Set<Role>();
  for (const entry of stringValues(value)) {
    const role = Object.hasOwn(roleMap, entry) ? roleMap[entry] : undefined;
    if (role) mapped.add(role);
  }
  return ROLES.find((role) => mapped.has(role)) ?? defaultRole;
}

/**
 * Turns validated claims (ID token, completed from userinfo) into an identity, or refuses with a
 * message that says what is missing — never the claim values themselves.
 */
export function identityFromClaims(claims: Record<string, unknown>, settings: OidcSettings): OidcIdentity {
  const subject = claims.sub;
  if (typeof subject !== "string" || subject === "") {
    throw refused("unauthenticated", "the ID token has no subject (sub) claim");
  }

  // No fallback to preferred_username/upn: those are not verified addresses and, with a
  // multi-tenant Entra ID app, can be chosen by someone else's tenant.
  const email = claims.email;
  if (typeof email !== "string" || !email.includes("@")) {
    throw refused(
      "forbidden",
      'the identity provider sent no email claim; request the "email" scope and give the user an email address',
    );
  }
  // Absent email_verified is accepted (Entra ID never sends it); an explicit false is not.
  if (claims.email_verified === false || claims.email_verified === "false") {
    throw refused("forbidden", "the identity provider says the user's email address is not verified");
  }

  const roleValue = claims[settings.roleClaim];
  if (roleValue === undefined && hasOverage(claims, settings.roleClaim)) {
    throw refused(
      "forbidden",
      `the identity provider left out the "${settings.roleClaim}" claim because the user is in too many groups ` +
        '(Entra ID group overage); emit only groups assigned to the application, or use app roles ("roles")',
    );
  }
  const role = roleForClaim(roleValue, settings.roleMap, settings.defaultRole);
  if (role === undefined) {
    const count = stringValues(roleValue).length;
    throw refused(
      "forbidden",
      count === 0
        ? `the user has no "${settings.roleClaim}" claim and no default role is configured`
        : `none of the user's ${count} "${settings.roleClaim}" values is mapped to a role ` +
            "and no default role is configured",
    );
  }

  const teams = settings.teamClaim ? [...new Set(stringValues(claims[settings.teamClaim]))] : [];
  const identity: OidcIdentity = {
    issuer: String(claims.iss ?? settings.issuer),
    subject,
    email,
    role,
    teams,
  };
  const name = displayName(claims);
  if (name !== undefined) identity.name = name;
  return identity;
}

/** A claim that is one string or an array of strings, as a list; anything else is ignored. */
function stringValues(value: unknown): string[] {
  if (typeof value === "string") return value === "" ? [] : [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v !== "");
  return [];
}

/** Entra ID replaces a too-large groups claim with a pointer in `_claim_names`. */
function hasOverage(claims: Record<string, unknown>, claim: string): boolean {
  const names = claims._claim_names;
  return typeof names === "object" && names !== null && Object.hasOwn(names, claim);
}

function displayName(claims: Record<string, unknown>): string | undefined {
  if (typeof claims.name === "string" && claims.name.trim() !== "") return claims.name.trim();
  const parts = [claims.given_name, claims.family_name].filter(
    (p): p is string => typeof p === "string" && p.trim() !== "",
  );
  return parts.length > 0 ? parts.join(" ") : undefined;
}

function refused(code: "unauthenticated" | "forbidden", reason: string): KohtaamoError {
  return new KohtaamoError(code, `Single sign-on refused: ${reason}.`);
}
