import { describe, expect, it } from "vitest";
import { identityFromClaims, type OidcSettings, oidcSettingsFromEnv, roleForClaim } from "./oidc.ts";

const BASE = {
  KOHTAAMO_OIDC_ISSUER: "https://login.example.com/tenant",
  KOHTAAMO_OIDC_CLIENT_ID: "kohtaamo",
  KOHTAAMO_OIDC_REDIRECT_URI: "https://cx.example.com/auth/oidc/callback",
  KOHTAAMO_OIDC_ROLE_MAP: '{"cx-admins": "admin", "cx-analysts": "analyst"}',
};

describe("oidcSettingsFromEnv", () => {
  it("is off (null) without an issuer", () => {
    expect(oidcSettingsFromEnv({})).toBeNull();
    expect(oidcSettingsFromEnv({ ...BASE, KOHTAAMO_OIDC_ISSUER: "  " })).toBeNull();
  });

  it("reads the minimal settings with defaults", () => {
    expect(oidcSettingsFromEnv(BASE)).toEqual({
      issuer: "https://login.example.com/tenant",
      clientId: "kohtaamo",
      redirectUri: "https://cx.example.com/auth/oidc/callback",
      scopes: ["openid", "email", "profile"],
      roleClaim: "groups",
      roleMap: { "cx-admins": "admin", "cx-analysts": "analyst" },
      allowHttp: false,
    });
  });

  it("reads every optional variable", () => {
    const settings = oidcSettingsFromEnv({
      ...BASE,
      KOHTAAMO_OIDC_CLIENT_SECRET: "s3cret",
      KOHTAAMO_OIDC_ROLE_CLAIM: "roles",
      KOHTAAMO_OIDC_DEFAULT_ROLE: "viewer",
      KOHTAAMO_OIDC_TEAM_CLAIM: "teams",
      KOHTAAMO_OIDC_SCOPES: "openid email profile groups",
    });
    expect(settings).toMatchObject({
      clientSecret: "s3cret",
      roleClaim: "roles",
      defaultRole: "viewer",
      teamClaim: "teams",
      scopes: ["openid", "email", "profile", "groups"],
    });
  });

  it("allows an http issuer on localhost only, and says so", () => {
    const local = oidcSettingsFromEnv({ ...BASE, KOHTAAMO_OIDC_ISSUER: "http://localhost:8080/realms/cx" });
    expect(local?.allowHttp).toBe(true);
    expect(() => oidcSettingsFromEnv({ ...BASE, KOHTAAMO_OIDC_ISSUER: "http://idp.example.com" })).toThrow(
      /KOHTAAMO_OIDC_ISSUER: must be an https:\/\/ URL/,
    );
  });

  it.each([
    [{ KOHTAAMO_OIDC_ISSUER: "login.example.com" }, /KOHTAAMO_OIDC_ISSUER: is not an absolute URL/],
    [{ KOHTAAMO_OIDC_CLIENT_ID: undefined }, /KOHTAAMO_OIDC_CLIENT_ID: is required/],
    [{ KOHTAAMO_OIDC_REDIRECT_URI: "" }, /KOHTAAMO_OIDC_REDIRECT_URI: is required/],
    [{ KOHTAAMO_OIDC_REDIRECT_URI: "/callback" }, /KOHTAAMO_OIDC_REDIRECT_URI: is not an absolute URL/],
    [{ KOHTAAMO_OIDC_ROLE_MAP: "{cx-admins: admin}" }, /KOHTAAMO_OIDC_ROLE_MAP: is not valid JSON/],
    [{ KOHTAAMO_OIDC_ROLE_MAP: '["admin"]' }, /KOHTAAMO_OIDC_ROLE_MAP: must be a JSON object/],
    [
      { KOHTAAMO_OIDC_ROLE_MAP: '{"cx-admins": "root"}' },
      /KOHTAAMO_OIDC_ROLE_MAP: unknown role "root" for "cx-admins"/,
    ],
    [
      { KOHTAAMO_OIDC_DEFAULT_ROLE: "guest" },
      /KOHTAAMO_OIDC_DEFAULT_ROLE: unknown role "guest" \(expected one of admin/,
    ],
    [{ KOHTAAMO_OIDC_ROLE_MAP: undefined }, /KOHTAAMO_OIDC_ROLE_MAP: set it or KOHTAAMO_OIDC_DEFAULT_ROLE/],
    [{ KOHTAAMO_OIDC_SCOPES: "email profile" }, /KOHTAAMO_OIDC_SCOPES: must include "openid"/],
  ])("names the variable for a bad value: %o", (change, message) => {
    expect(() => oidcSettingsFromEnv({ ...BASE, ...change })).toThrow(message);
  });

  it("maps a group literally named __proto__ like any other", () => {
    const settings = oidcSettingsFromEnv({ ...BASE, KOHTAAMO_OIDC_ROLE_MAP: '{"__proto__": "admin"}' });
    expect(roleForClaim(["__proto__"], settings?.roleMap ?? {})).toBe("admin");
  });

  it("does not put the client secret in error messages", () => {
    const env = { ...BASE, KOHTAAMO_OIDC_CLIENT_SECRET: "s3cret", KOHTAAMO_OIDC_ROLE_MAP: "nope" };
    expect(() => oidcSettingsFromEnv(env)).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("s3cret") }),
    );
  });
});

describe("roleForClaim", () => {
  const map = {
    "cx-viewers": "viewer",
    "cx-agents": "agent",
    "cx-managers": "manager",
    "cx-admins": "admin",
  } as const;

  it("takes the most privileged mapped role, whatever the claim order", () => {
    expect(roleForClaim(["cx-viewers", "cx-admins", "cx-agents"], map)).toBe("admin");
    expect(roleForClaim(["cx-agents", "cx-managers"], map)).toBe("manager");
    expect(roleForClaim(["other", "cx-agents"], map)).toBe("agent");
  });

  it("accepts a single string (Entra ID app role claims may be one value)", () => {
    expect(roleForClaim("cx-managers", map)).toBe("manager");
  });

  it("falls back to the default role, or none", () => {
    expect(roleForClaim(["other"], map, "viewer")).toBe("viewer");
    expect(roleForClaim(["other"], map)).toBeUndefined();
    expect(roleForClaim(undefined, map)).toBeUndefined();
    expect(roleForClaim(42, map, "agent")).toBe("agent");
  });

  it("matches exactly and ignores inherited object keys", () => {
    expect(roleForClaim(["CX-ADMINS", "toString", "__proto__"], map)).toBeUndefined();
  });
});

describe("identityFromClaims", () => {
  const settings: OidcSettings = {
    issuer: "https://login.example.com",
    clientId: "kohtaamo",
    redirectUri: "https://cx.example.com/cb",
    scopes: ["openid"],
    roleClaim: "groups",
    roleMap: { "cx-analysts": "analyst" },
    teamClaim: "teams",
  };
  const claims = {
    iss: "https://login.example.com",
    sub: "u1",
    email: "a@example.fi",
    groups: ["cx-analysts"],
  };

  it("builds the identity, with a name from given and family names when there is no name", () => {
    expect(
      identityFromClaims(
        { ...claims, given_name: "Anna", family_name: "A", teams: ["b", "b", "c"] },
        settings,
      ),
    ).toEqual({
      issuer: "https://login.example.com",
      subject: "u1",
      email: "a@example.fi",
      name: "Anna A",
      role: "analyst",
      teams: ["b", "c"],
    });
  });

  it("refuses without email, or with an email marked unverified (also as the string 'false')", () => {
    expect(() => identityFromClaims({ ...claims, email: undefined }, settings)).toThrow(
      /sent no email claim/,
    );
    expect(() => identityFromClaims({ ...claims, email_verified: "false" }, settings)).toThrow(
      /not verified/,
    );
    expect(identityFromClaims({ ...claims, email_verified: true }, settings).email).toBe("a@example.fi");
  });

  it("explains Entra ID group overage instead of a plain 'no role'", () => {
    const overage = { ...claims, groups: undefined, _claim_names: { groups: "src1" } };
    expect(() => identityFromClaims(overage, settings)).toThrow(/too many groups \(Entra ID group overage\)/);
  });

  it("does not reveal the claim values it refused", () => {
    const error = (() => {
      try {
        identityFromClaims({ ...claims, groups: ["secret-project-x"] }, settings);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/none of the user's 1 "groups" values is mapped/);
    expect(error?.message).not.toContain("secret-project-x");
  });
});
