/**
 * The OIDC client against a real OpenID Provider (oidc-provider on 127.0.0.1), no mocks: the
 * test signs in through the provider's own authorization, interaction and token endpoints.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OidcClient, type OidcSettings } from "../../src/auth/oidc.ts";
import { startTestIssuer, type TestAccountClaims, type TestIssuer } from "../support/oidc-provider.ts";

const CLIENT_ID = "kohtaamo-test";
const CLIENT_SECRET = "a-test-secret-of-reasonable-length-0123456789";
const REDIRECT_URI = "http://127.0.0.1:9/auth/oidc/callback";

const ACCOUNTS: Record<string, TestAccountClaims> = {
  anna: {
    email: "anna@example.fi",
    email_verified: true,
    name: "Anna Analyytikko",
    groups: ["all-staff", "cx-analysts"],
    teams: ["billing", "returns"],
  },
  ville: { email: "ville@example.fi", email_verified: true, name: "Ville", groups: ["all-staff"] },
  ada: { email: "ada@example.fi", groups: ["cx-viewers", "cx-admins"] },
  noemail: { name: "No Mail", groups: ["cx-analysts"] },
  unverified: { email: "u@example.fi", email_verified: false, groups: ["cx-analysts"] },
};

function settingsFor(issuer: TestIssuer, overrides: Partial<OidcSettings> = {}): OidcSettings {
  return {
    issuer: issuer.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    scopes: ["openid", "email", "profile", "groups"],
    roleClaim: "groups",
    roleMap: { "cx-analysts": "analyst", "cx-admins": "admin", "cx-viewers": "viewer" },
    teamClaim: "teams",
    allowHttp: true,
    ...overrides,
  };
}

/** One whole login: start, sign in at the provider as `account`, finish. */
async function signIn(client: OidcClient, issuer: TestIssuer, account: string) {
  const start = await client.startLogin();
  const callback = await issuer.loginAs(start.url, account);
  return client.finishLogin(new URL(callback), start);
}

for (const claimsInIdToken of [false, true]) {
  describe(`OIDC login against a real provider (claims ${claimsInIdToken ? "in ID token" : "from userinfo"})`, () => {
    let issuer: TestIssuer;
    let client: OidcClient;

    beforeAll(async () => {
      issuer = await startTestIssuer({
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUri: REDIRECT_URI,
        accounts: ACCOUNTS,
        claimsInIdToken,
      });
      client = await OidcClient.discover(settingsFor(issuer));
    });
    afterAll(() => issuer?.stop());

    it("starts a login with PKCE S256, state and nonce", async () => {
      const start = await client.startLogin();
      const url = new URL(start.url);
      expect(url.origin).toBe(issuer.issuer);
      expect(url.searchParams.get("response_type")).toBe("code");
      expect(url.searchParams.get("client_id")).toBe(CLIENT_ID);
      expect(url.searchParams.get("redirect_uri")).toBe(REDIRECT_URI);
      expect(url.searchParams.get("code_challenge_method")).toBe("S256");
      expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(url.searchParams.get("code_challenge")).not.toBe(start.codeVerifier);
      expect(url.searchParams.get("state")).toBe(start.state);
      expect(url.searchParams.get("nonce")).toBe(start.nonce);
      expect(url.searchParams.get("scope")).toBe("openid email profile groups");
      const again = await client.startLogin();
      expect(again.state).not.toBe(start.state);
      expect(again.codeVerifier).not.toBe(start.codeVerifier);
    });

    it("maps a group to its role and reads email, name and teams", async () => {
      const identity = await signIn(client, issuer, "anna");
      expect(identity).toEqual({
        issuer: issuer.issuer,
        subject: "anna",
        email: "anna@example.fi",
        name: "Anna Analyytikko",
        role: "analyst",
        teams: ["billing", "returns"],
      });
    });

    it("gives the most privileged mapped role whatever the group order", async () => {
      const identity = await signIn(client, issuer, "ada");
      expect(identity.role).toBe("admin");
      expect(identity.teams).toEqual([]);
    });

    it("refuses a user with no mapped group when there is no default role", async () => {
      await expect(signIn(client, issuer, "ville")).rejects.toMatchObject({
        code: "forbidden",
        message: expect.stringMatching(/none of the user's 1 "groups" values is mapped.*no default role/),
      });
    });

    it("gives the default role to a user with no mapped group when one is set", async () => {
      const withDefault = await OidcClient.discover(settingsFor(issuer, { defaultRole: "viewer" }));
      const identity = await signIn(withDefault, issuer, "ville");
      expect(identity).toMatchObject({ email: "ville@example.fi", role: "viewer" });
    });

    it("refuses a missing or unverified email, saying which", async () => {
      await expect(signIn(client, issuer, "noemail")).rejects.toThrow(/sent no email claim/);
      await expect(signIn(client, issuer, "unverified")).rejects.toThrow(/email address is not verified/);
    });

    it("refuses a tampered state, before any code exchange", async () => {
      const start = await client.startLogin();
      const callback = new URL(await issuer.loginAs(start.url, "anna"));
      callback.searchParams.set("state", `${start.state}x`);
      await expect(client.finishLogin(callback, start)).rejects.toMatchObject({
        code: "unauthenticated",
        message: expect.stringMatching(/state parameter does not match/),
      });
    });

    it("refuses a callback when the login cookie is gone", async () => {
      const start = await client.startLogin();
      const callback = new URL(await issuer.loginAs(start.url, "anna"));
      await expect(client.finishLogin(callback, { state: "", nonce: "", codeVerifier: "" })).rejects.toThrow(
        /no login attempt is in progress/,
      );
    });

    it("refuses a callback checked against another attempt's nonce and verifier", async () => {
      const start = await client.startLogin();
      const other = await client.startLogin();
      const callback = new URL(await issuer.loginAs(start.url, "anna"));
      // Same state (say, a cookie mix-up), wrong verifier: the provider rejects the PKCE proof.
      await expect(
        client.finishLogin(callback, { ...other, state: start.state, nonce: start.nonce }),
      ).rejects.toThrow(/code exchange or ID token validation failed: server answered "invalid_grant"/);
    });

    it("refuses a wrong client secret without echoing it", async () => {
      const wrong = await OidcClient.discover(settingsFor(issuer, { clientSecret: "not-the-secret" }));
      const error = await signIn(wrong, issuer, "anna").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/invalid_client/);
      expect((error as Error).message).not.toContain("not-the-secret");
    });
  });
}

describe("OIDC discovery", () => {
  it("refuses an http issuer unless allowHttp is set", async () => {
    const settings = {
      issuer: "http://127.0.0.1:9",
      clientId: "x",
      redirectUri: REDIRECT_URI,
      scopes: ["openid"],
      roleClaim: "groups",
      roleMap: {},
    };
    await expect(OidcClient.discover(settings)).rejects.toThrow(/not https:\/\/ \(allowHttp is off\)/);
    await expect(OidcClient.discover({ ...settings, allowHttp: true })).rejects.toThrow(
      /OIDC discovery failed for issuer http:\/\/127\.0\.0\.1:9\//,
    );
  });
});
