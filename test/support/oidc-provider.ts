/**
 * A real OpenID Provider (panva's oidc-provider) on 127.0.0.1 for integration tests, with a
 * programmatic "login page" so a test can sign in without a browser.
 *
 * The provider's own devInteractions are off; `interactions.url` points at /interaction/:uid,
 * which this file serves on the same http server, the way oidc-provider's example does:
 *   GET  /interaction/:uid  → JSON { uid, prompt } (what a login page would render)
 *   POST /interaction/:uid  → form `login=<accountId>`: finishes the login prompt, or grants the
 *                             consent prompt, via interactionDetails / interactionFinished.
 * `loginAs` drives that like a browser: fetch with manual redirects and a cookie jar.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Account, type Interaction, Provider } from "oidc-provider";

/** Claims of one test account (sub is the account id). */
export type TestAccountClaims = Record<string, unknown> & {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
  teams?: string[];
};

export interface TestIssuerOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: Record<string, TestAccountClaims>;
  /**
   * Put scope claims into the ID token too (oidc-provider's conformIdTokenClaims: false), as
   * Entra ID and Keycloak do. Default false: claims only from userinfo, as the spec prefers.
   */
  claimsInIdToken?: boolean;
}

export interface TestIssuer {
  issuer: string;
  /** Follows the authorization URL, signs in as `accountId`, and returns the redirect to our callback. */
  loginAs(authorizationUrl: string, accountId: string): Promise<string>;
  stop(): Promise<void>;
}

/** Scope → claims. `groups` and `teams` come with the `groups` scope, as with Okta. */
const CLAIMS = {
  openid: ["sub"],
  email: ["email", "email_verified"],
  profile: ["name", "given_name", "family_name"],
  groups: ["groups", "teams"],
};

export async function startTestIssuer(options: TestIssuerOptions): Promise<TestIssuer> {
  let provider: Provider | undefined;
  const server = createServer((req, res) => {
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith("/interaction/")) {
      handleInteraction(provider, options, req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(err instanceof Error ? err.message : String(err));
      });
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // Our own keys, so oidc-provider does not fall back to (and warn about) its dev-only keys.
    jwks: {
      keys: [
        {
          ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }),
          kid: "test",
          use: "sig",
          alg: "RS256",
        },
      ],
    },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: CLAIMS,
    // Explicit lifetimes (seconds) instead of the defaults oidc-provider warns about.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 600,
      IdToken: 600,
      Interaction: 600,
      Session: 600,
    },
    conformIdTokenClaims: !options.claimsInIdToken,
    // PKCE for every client, not only public ones, so the tests prove the client sends it.
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: Interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx: unknown, id: string): Promise<Account | undefined> {
      const claims = Object.hasOwn(options.accounts, id) ? options.accounts[id] : undefined;
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ ...claims, sub: id }) };
    },
  });
  // Keep test output readable: oidc-provider reports request errors as events, not exceptions.
  provider.on("server_error", () => {});

  return {
    issuer,
    loginAs: (authorizationUrl, accountId) =>
      followLogin(issuer, options.redirectUri, authorizationUrl, accountId),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** The test's login page: GET shows the prompt, POST `login=<accountId>` answers it. */
async function handleInteraction(
  provider: Provider,
  options: TestIssuerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method === "GET") {
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify({ uid: details.uid, prompt: details.prompt.name }));
    return;
  }
  const form = new URLSearchParams(await readBody(req));
  switch (details.prompt.name) {
    case "login": {
      const accountId = form.get("login") ?? "";
      if (!Object.hasOwn(options.accounts, accountId)) {
        res.writeHead(400, { "content-type": "text/plain" }).end(`unknown test account "${accountId}"`);
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    case "consent": {
      // A first-party app: grant whatever is asked, as an admin-consented enterprise app would.
      const accountId = details.session?.accountId ?? "";
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      if (!grant) throw new Error("grant not found");
      const { missingOIDCScope, missingOIDCClaims } = details.prompt.details;
      if (Array.isArray(missingOIDCScope)) grant.addOIDCScope(missingOIDCScope.join(" "));
      if (Array.isArray(missingOIDCClaims)) grant.addOIDCClaims(missingOIDCClaims as string[]);
      const grantId = await grant.save();
      const consent = details.grantId ? {} : { grantId };
      await provider.interactionFinished(req, res, { consent }, { mergeWithLastSubmission: true });
      return;
    }
    default:
      res.writeHead(400, { "content-type": "text/plain" }).end(`unexpected prompt ${details.prompt.name}`);
  }
}

/** Plays the browser: follows redirects by hand, keeps cookies, posts the login form. */
async function followLogin(
  issuer: string,
  redirectUri: string,
  authorizationUrl: string,
  accountId: string,
): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(redirectUri)) return url;
    if (!url.startsWith(issuer)) throw new Error(`login left the issuer for ${new URL(url).origin}`);
    const res = await fetch(url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
      ...(body ? { body } : {}),
    });
    body = undefined;
    storeCookies(jar, res.headers.getSetCookie());
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      await res.arrayBuffer();
      continue;
    }
    if (res.ok && new URL(url).pathname.startsWith("/interaction/")) {
      await res.json();
      body = new URLSearchParams({ login: accountId });
      continue;
    }
    throw new Error(`login stopped at ${new URL(url).pathname} with HTTP ${res.status}: ${await res.text()}`);
  }
  throw new Error("login did not reach the redirect URI within 20 requests");
}

/** A minimal cookie jar: one origin, path ignored (oidc-provider's cookie names are distinct). */
function storeCookies(jar: Map<string, string>, setCookies: string[]): void {
  for (const header of setCookies) {
    const [pair = "", ...attributes] = header.split(";");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [k = "", v = ""] = a.trim().split("=");
      return (
        (k.toLowerCase() === "max-age" && Number(v) <= 0) ||
        (k.toLowerCase() === "expires" && Date.parse(v) <= Date.now())
      );
    });
    if (expired || value === "") jar.delete(name);
    else jar.set(name, value);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}
