import { addLocalUser, createApiToken } from "../../src/auth/accounts.ts";
import type { Role } from "../../src/auth/roles.ts";
import type { Store } from "../../src/store/index.ts";

export const TEST_PASSWORD = "correct horse battery staple";

/**
 * A real account of the given role with a real API token, through the same code the CLI uses:
 * tests sign in the way integrations do, never by switching authorization off.
 */
export async function signedIn(
  store: Store,
  role: Role,
  options: { email?: string; teams?: string[]; agent?: string } = {},
): Promise<{ email: string; headers: Record<string, string> }> {
  const email = options.email ?? `${role}-${Math.random().toString(36).slice(2, 8)}@test.example.org`;
  await addLocalUser(
    store,
    {
      email,
      role,
      teams: options.teams ?? (role === "manager" ? ["Laskutus"] : []),
      agent: options.agent ?? (role === "agent" ? "agent-1" : undefined),
      password: TEST_PASSWORD,
    },
    "test",
  );
  const { token } = await createApiToken(store, email, { name: "test" }, "test");
  return { email, headers: { authorization: `Bearer ${token}` } };
}
