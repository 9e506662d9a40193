import type { Store } from "../store/index.ts";
import { addLocalUser } from "./accounts.ts";

/** The demo workspace's password for every demo account (README, "Demo accounts"). Demo data only. */
export const DEMO_PASSWORD = "kohtaamo-demo";

/** One account per role, on the reserved example.org domain, tied to the demo's teams and agents. */
export const DEMO_USERS = [
  { email: "admin@demo.example.org", role: "admin" },
  { email: "analyst@demo.example.org", role: "analyst" },
  { email: "manager@demo.example.org", role: "manager", teams: ["Laskutus"] },
  { email: "agent@demo.example.org", role: "agent", teams: ["Asiakaspalvelu"], agent: "agent-18" },
  { email: "viewer@demo.example.org", role: "viewer" },
] as const;

/** Creates the demo accounts that do not exist yet (the demo workspace only). */
export async function ensureDemoUsers(store: Store): Promise<number> {
  let created = 0;
  for (const u of DEMO_USERS) {
    if (await store.access.userByEmail(u.email)) continue;
    await addLocalUser(
      store,
      {
        email: u.email,
        role: u.role,
        teams: "teams" in u ? [...u.teams] : [],
        agent: "agent" in u ? u.agent : undefined,
        password: DEMO_PASSWORD,
      },
      "demo",
    );
    created++;
  }
  return created;
}

/** The demo accounts that exist in this database (none once they are removed), in role order. */
export async function existingDemoUsers(store: Store): Promise<{ email: string; role: string }[]> {
  const found: { email: string; role: string }[] = [];
  for (const u of DEMO_USERS) {
    const user = await store.access.userByEmail(u.email);
    if (user) found.push({ email: user.email, role: user.role });
  }
  return found;
}

/** What to do when nobody can sign in yet. */
export const FIRST_ADMIN_HINT =
  "No accounts yet. Create the first admin (the password is read from stdin):\n" +
  "  printf '%s' 'a-long-passphrase' | npx kohtaamo user add --email you@example.com --role admin --password-stdin\n";
