import { isRole, ROLES, type Role } from "./roles.ts";

/** How Kohtaamo signs people in with an OpenID Connect identity provider (Entra ID, Keycloak, Okta, …). */
export interface OidcSettings {
  /** Issuer identifier; discovery reads `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Absent → a public client that authenticates with PKCE only. */
  clientSecret?: string;
  /** Our callback URL, exactly as registered at the identity provider. */
  redirectUri: string;
  /** Default `openid email profile`; Okta and some Keycloak setups also need `groups`. */
  scopes: string[];
  /** The claim whose values map to roles: default `groups`; Entra ID app roles arrive in `roles`. */
  roleClaim: string;
  /** Claim value → role, e.g. `{"cx-admins": "admin"}`. The most privileged match wins. */
  roleMap: Record<string, Role>;
  /** Role for people none of whose claim values is mapped; absent → their login is refused. */
  defaultRole?: Role;
  /** Optional claim listing the user's teams (string or array of strings). */
  teamClaim?: string;
  /** Allow a plain-HTTP issuer. Only for tests and identity providers on this machine. */
  allowHttp?: boolean;
}

export const DEFAULT_OIDC_SCOPES: readonly string[] = ["openid", "email", "profile"];
export const DEFAULT_ROLE_CLAIM = "groups";

/**
 * Reads the KOHTAAMO_OIDC_* variables. Returns null when KOHTAAMO_OIDC_ISSUER is not set
 * (single sign-on off). Meant to be called from src/config.ts, the one reader of process.env.
 *
 * An `http://` issuer is accepted only on a loopback host (a local Keycloak, say), and then sets
 * `allowHttp`; anywhere else tokens would cross the network in the clear.
 *
 * @example oidcSettingsFromEnv({ KOHTAAMO_OIDC_ISSUER: "https://login.example.com",
 *   KOHTAAMO_OIDC_CLIENT_ID: "kohtaamo", KOHTAAMO_OIDC_REDIRECT_URI: "https://cx.example.com/auth/oidc/callback",
 *   KOHTAAMO_OIDC_ROLE_MAP: '{"cx-admins":"admin"}' })
 */
export function oidcSettingsFromEnv(env: Record<string, string | undefined>): OidcSettings | null {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const issuerText = read("KOHTAAMO_OIDC_ISSUER");
  if (issuerText === undefined) return null;

  const issuer = parseUrl("KOHTAAMO_OIDC_ISSUER", issuerText);
  const allowHttp = issuer.protocol === "http:";
  if (allowHttp && !isLoopback(issuer.hostname)) {
    fail("KOHTAAMO_OIDC_ISSUER", "must be an https:// URL (http:// is accepted only for localhost)");
  }
  const clientId = read("KOHTAAMO_OIDC_CLIENT_ID") ?? fail("KOHTAAMO_OIDC_CLIENT_ID", "is required");
  const redirectText =
    read("KOHTAAMO_OIDC_REDIRECT_URI") ?? fail("KOHTAAMO_OIDC_REDIRECT_URI", "is required");
  const redirectUri = parseUrl("KOHTAAMO_OIDC_REDIRECT_URI", redirectText);
  if (redirectUri.search || redirectUri.hash) {
    fail("KOHTAAMO_OIDC_REDIRECT_URI", "must not have a query string or fragment");
  }

  const scopesText = read("KOHTAAMO_OIDC_SCOPES");
  const scopes = scopesText ? scopesText.split(/[\s,]+/).filter(Boolean) : [...DEFAULT_OIDC_SCOPES];
  if (!scopes.includes("openid")) fail("KOHTAAMO_OIDC_SCOPES", 'must include "openid"');

  const roleMap = parseRoleMap(read("KOHTAAMO_OIDC_ROLE_MAP"));
  const defaultRoleText = read("KOHTAAMO_OIDC_DEFAULT_ROLE");
  if (defaultRoleText !== undefined && !isRole(defaultRoleText)) {
    fail(
      "KOHTAAMO_OIDC_DEFAULT_ROLE",
      `unknown role "${defaultRoleText}" (expected one of ${ROLES.join(", ")})`,
    );
  }
  if (Object.keys(roleMap).length === 0 && defaultRoleText === undefined) {
    fail("KOHTAAMO_OIDC_ROLE_MAP", "set it or KOHTAAMO_OIDC_DEFAULT_ROLE, otherwise nobody can sign in");
  }

  const settings: OidcSettings = {
    issuer: issuerText,
    clientId,
    redirectUri: redirectUri.href,
    scopes,
    roleClaim: read("KOHTAAMO_OIDC_ROLE_CLAIM") ?? DEFAULT_ROLE_CLAIM,
    roleMap,
    allowHttp,
  };
  const clientSecret = read("KOHTAAMO_OIDC_CLIENT_SECRET");
  if (clientSecret !== undefined) settings.clientSecret = clientSecret;
  if (defaultRoleText !== undefined) settings.defaultRole = defaultRoleText as Role;
  const teamClaim = read("KOHTAAMO_OIDC_TEAM_CLAIM");
  if (teamClaim !== undefined) settings.teamClaim = teamClaim;
  return settings;
}

function parseRoleMap(text: string | undefined): Record<string, Role> {
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    fail("KOHTAAMO_OIDC_ROLE_MAP", 'is not valid JSON (expected an object like {"cx-admins": "admin"})');
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    fail("KOHTAAMO_OIDC_ROLE_MAP", 'must be a JSON object like {"cx-admins": "admin"}');
  }
  const entries: [string, Role][] = [];
  for (const [claimValue, role] of Object.entries(parsed)) {
    if (typeof role !== "string" || !isRole(role)) {
      fail(
        "KOHTAAMO_OIDC_ROLE_MAP",
        `unknown role ${JSON.stringify(role)} for "${claimValue}" (expected one of ${ROLES.join(", ")})`,
      );
    }
    entries.push([claimValue, role]);
  }
  // fromEntries defines own properties, so even a group named "__proto__" maps like any other.
  return Object.fromEntries(entries);
}

function parseUrl(name: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    fail(name, "is not an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail(name, "must be an http(s) URL");
  return url;
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Same shape as src/config.ts, so a bad variable reads the same wherever it is parsed. */
function fail(name: string, message: string): never {
  throw new Error(`Invalid environment configuration:\n  ${name}: ${message}`);
}
