import { z } from "zod";

/**
 * The one sealed secret of an integration whose vendor has two (Zendesk, Chatwoot): the webhook's
 * signing secret and the API token of the pull, as JSON `{"signing_secret": "…", "api_token": "…"}`
 * (either may be left out). A bare string is the webhook's signing secret alone, as integrations
 * made before the pulls hold it.
 */
export interface IntegrationSecrets {
  signingSecret: string | null;
  apiToken: string | null;
}

const secretShape = z
  .object({ signing_secret: z.string().min(1).optional(), api_token: z.string().min(1).optional() })
  .strict();

/** The sealed secret → its parts; a problem names what is wrong (never the secret). */
export function integrationSecrets(secret: string | null): IntegrationSecrets | { problem: string } {
  if (!secret) return { signingSecret: null, apiToken: null };
  if (!secret.trimStart().startsWith("{")) return { signingSecret: secret, apiToken: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(secret);
  } catch {
    return { problem: 'must be the signing secret, or JSON {"signing_secret": …, "api_token": …}' };
  }
  const s = secretShape.safeParse(parsed);
  if (!s.success) return { problem: "JSON may hold only signing_secret and api_token, as strings" };
  return { signingSecret: s.data.signing_secret ?? null, apiToken: s.data.api_token ?? null };
}
