/**
 * Single sign-on with OpenID Connect: the client side (authorization code flow with PKCE S256,
 * state and nonce), built on openid-client. No HTTP framework here — the login routes call
 * `startLogin` and `finishLogin` and keep the returned checks between the two in a short-lived,
 * signed, HttpOnly cookie (or the database).
 */
import * as oidc from "openid-client";
import { KohtaamoError } from "../domain/index.ts";
import { identityFromClaims, type OidcIdentity } from "./oidc-claims.ts";
import type { OidcSettings } from "./oidc-settings.ts";

export { identityFromClaims, type OidcIdentity, roleForClaim } from "./oidc-claims.ts";
export {
  DEFAULT_OIDC_SCOPES,
  DEFAULT_ROLE_CLAIM,
  type OidcSettings,
  oidcSettingsFromEnv,
} from "./oidc-settings.ts";

/** What must survive from `startLogin` to `finishLogin` for one login attempt. */
export interface OidcLoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface OidcLoginStart extends OidcLoginChecks {
  /** Where to redirect the browser. */
  url: string;
}

export class OidcClient {
  private constructor(
    private readonly config: oidc.Configuration,
    readonly settings: OidcSettings,
  ) {}

  /** Fetches the issuer's discovery document once; keep the instance for the process lifetime. */
  static async discover(settings: OidcSettings): Promise<OidcClient> {
    const issuer = new URL(settings.issuer);
    if (issuer.protocol !== "https:" && !settings.allowHttp) {
      throw new Error(`OIDC issuer ${issuer.href} is not https:// (allowHttp is off)`);
    }
    const options = settings.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined;
    const metadata = { redirect_uris: [settings.redirectUri] };
    let discovered: oidc.Configuration;
    try {
      discovered = await oidc.discovery(issuer, settings.clientId, metadata, oidc.None(), options);
    } catch (err) {
      throw new Error(`OIDC discovery failed for issuer ${issuer.href}: ${describe(err)}`);
    }
    // Rebuild with the client authentication the server accepts: RFC 6749 makes
    // client_secret_basic the one every server supports, but some only list client_secret_post.
    const server = discovered.serverMetadata();
    const config = new oidc.Configuration(server, settings.clientId, metadata, clientAuth(settings, server));
    if (settings.allowHttp) oidc.allowInsecureRequests(config);
    return new OidcClient(config, settings);
  }

  /** A new login attempt: the URL to send the browser to and the checks to keep until the callback. */
  async startLogin(): Promise<OidcLoginStart> {
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(this.config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes.join(" "),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /**
   * Completes a login from the callback request URL: checks state, exchanges the code (PKCE),
   * validates the ID token (signature, issuer, audience, nonce, expiry — openid-client), completes
   * missing claims from userinfo, and maps them to an identity. Throws KohtaamoError
   * `unauthenticated` (the login failed) or `forbidden` (the user may not use Kohtaamo).
   */
  async finishLogin(callbackUrl: URL, expected: OidcLoginChecks): Promise<OidcIdentity> {
    const params = callbackUrl.searchParams;
    const error = params.get("error");
    if (error !== null) {
      const description = params.get("error_description")?.slice(0, 200);
      throw failed(`the identity provider returned "${error}"${description ? ` (${description})` : ""}`);
    }
    if (!expected.state || !expected.nonce || !expected.codeVerifier) {
      throw failed("no login attempt is in progress in this browser (missing or expired login cookie)");
    }
    if (params.get("state") !== expected.state) {
      throw failed(
        "the state parameter does not match this login attempt (stale, replayed or forged callback)",
      );
    }
    if (!params.get("code")) throw failed("the callback has no authorization code");

    // The token request's redirect_uri must equal the registered one; behind a proxy the URL the
    // server saw may differ in scheme or host, so rebuild it from settings.
    const current = new URL(this.settings.redirectUri);
    current.search = callbackUrl.search;

    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(this.config, current, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      throw failed(`the code exchange or ID token validation failed: ${describe(err)}`);
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw failed("the identity provider returned no ID token");

    let claims: Record<string, unknown> = idClaims;
    if (this.needsUserInfo(claims) && this.config.serverMetadata().userinfo_endpoint) {
      try {
        const userInfo = await oidc.fetchUserInfo(this.config, tokens.access_token, idClaims.sub);
        // The signed ID token wins where both have a claim.
        claims = { ...userInfo, ...idClaims };
      } catch (err) {
        throw failed(`reading userinfo failed: ${describe(err)}`);
      }
    }
    return identityFromClaims(claims, this.settings);
  }

  /** Many providers put email and groups only in userinfo unless told otherwise. */
  private needsUserInfo(claims: Record<string, unknown>): boolean {
    const { roleClaim, teamClaim } = this.settings;
    return (
      claims.email === undefined ||
      claims[roleClaim] === undefined ||
      (teamClaim !== undefined && claims[teamClaim] === undefined)
    );
  }
}

function clientAuth(settings: OidcSettings, server: oidc.ServerMetadata): oidc.ClientAuth {
  if (settings.clientSecret === undefined) return oidc.None();
  const methods = server.token_endpoint_auth_methods_supported;
  if (methods && !methods.includes("client_secret_basic") && methods.includes("client_secret_post")) {
    return oidc.ClientSecretPost(settings.clientSecret);
  }
  return oidc.ClientSecretBasic(settings.clientSecret);
}

function failed(reason: string): KohtaamoError {
  return new KohtaamoError("unauthenticated", `Single sign-on failed: ${reason}.`);
}

/**
 * A safe one-line reason from an openid-client error: its message and OAuth error code only.
 * The `cause` is dropped on purpose — it can hold token claims or response bodies.
 */
function describe(err: unknown): string {
  if (err instanceof oidc.ResponseBodyError || err instanceof oidc.AuthorizationResponseError) {
    return serverAnswer(err.error, err.error_description);
  }
  if (err instanceof oidc.WWWAuthenticateChallengeError) {
    // A 401 from the token endpoint (wrong client secret, say) arrives as a challenge.
    const parameters = err.cause[0]?.parameters;
    return serverAnswer(parameters?.error ?? `HTTP ${err.status}`, parameters?.error_description);
  }
  if (err instanceof Error) {
    const code = "code" in err && typeof err.code === "string" ? ` [${err.code}]` : "";
    return `${err.message}${code}`;
  }
  return "unknown error";
}

function serverAnswer(error: string, description: string | undefined): string {
  return `server answered "${error}"${description ? ` (${description.slice(0, 200)})` : ""}`;
}
