import os from "node:os";
import type { Command } from "commander";
import { KohtaamoError } from "../domain/index.ts";
import { positiveWholeNumber } from "./number-options.ts";
import { withStore } from "./store-session.ts";

/** Who did it, in the audit log, for changes made on the command line (the OS user). */
export function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return "cli";
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

export function registerUser(program: Command): void {
  const user = program
    .command("user")
    .description("Manage local accounts (admin, analyst, manager, agent, viewer).");
  user
    .command("add")
    .description("Create an account; the password is read from stdin so it never shows in shell history.")
    .requiredOption("--email <email>", "sign-in e-mail")
    .requiredOption("--role <role>", "admin | analyst | manager | agent | viewer")
    .option("--team <team...>", "team(s) a manager leads or an agent belongs to")
    .option("--agent <agentId>", "for an agent: the agent id on their encounters")
    .option("--password-stdin", "read the password from stdin (required)")
    .action(
      async (opts: {
        email: string;
        role: string;
        team?: string[];
        agent?: string;
        passwordStdin?: boolean;
      }) => {
        if (!opts.passwordStdin) {
          throw new KohtaamoError("bad_request", "give the password on stdin with --password-stdin");
        }
        const password = await readStdin();
        const { addLocalUser } = await import("../auth/accounts.ts");
        const created = await withStore((store) =>
          addLocalUser(
            store,
            { email: opts.email, role: opts.role, teams: opts.team ?? [], agent: opts.agent, password },
            cliActor(),
          ),
        );
        process.stdout.write(
          `${JSON.stringify({ email: created.email, role: created.role, teams: created.teams, agent: created.agentId })}\n`,
        );
      },
    );
  user
    .command("list")
    .description("List accounts as JSON lines (never password hashes).")
    .action(async () => {
      const users = await withStore((store) => store.access.listUsers());
      for (const u of users) {
        process.stdout.write(
          `${JSON.stringify({ email: u.email, role: u.role, teams: u.teams, agent: u.agentId, source: u.source, created_at: u.createdAt })}\n`,
        );
      }
    });
  user
    .command("remove")
    .description("Remove an account with its sessions and API tokens.")
    .requiredOption("--email <email>", "the account")
    .action(async (opts: { email: string }) => {
      const { removeUser } = await import("../auth/accounts.ts");
      await withStore((store) => removeUser(store, opts.email, cliActor()));
      process.stderr.write(`removed ${opts.email}\n`);
    });
}

export function registerToken(program: Command): void {
  const token = program
    .command("token")
    .description("API tokens for scripts and integrations (Authorization: Bearer …).");
  token
    .command("create")
    .description(
      "Create a token for a user; it is printed once, on the last line, and only its hash is stored.",
    )
    .requiredOption("--email <email>", "the user the token acts as")
    .option("--name <name>", "what the token is for")
    .option("--expires-days <days>", "expire after this many days", positiveWholeNumber)
    .action(async (opts: { email: string; name?: string; expiresDays?: number }) => {
      const { createApiToken } = await import("../auth/accounts.ts");
      const created = await withStore((store) =>
        createApiToken(store, opts.email, { name: opts.name, expiresDays: opts.expiresDays }, cliActor()),
      );
      process.stderr.write(
        `token ${created.id} for ${opts.email}${created.expiresAt ? `, expires ${created.expiresAt}` : ""}; store it now, it is not shown again:\n`,
      );
      process.stdout.write(`${created.token}\n`);
    });
  token
    .command("list")
    .description("List a user's tokens (ids, names, expiry, revocation; never the secrets).")
    .requiredOption("--email <email>", "the user")
    .action(async (opts: { email: string }) => {
      const tokens = await withStore(async (store) => {
        const user = await store.access.userByEmail(opts.email);
        if (!user) throw new KohtaamoError("not_found", `no user ${opts.email}`);
        return store.access.listTokens(user.id);
      });
      for (const t of tokens) process.stdout.write(`${JSON.stringify(t)}\n`);
    });
  token
    .command("revoke")
    .description("Revoke a token by its id.")
    .requiredOption("--id <id>", "token id (from token list)")
    .action(async (opts: { id: string }) => {
      const { revokeApiToken } = await import("../auth/accounts.ts");
      await withStore((store) => revokeApiToken(store, opts.id, cliActor()));
      process.stderr.write(`revoked ${opts.id}\n`);
    });
}

export function registerPrivacy(program: Command): void {
  program
    .command("erase")
    .description(
      "Erase everything stored about a customer (GDPR): encounters, answers, invitations, analyses. Audited.",
    )
    .requiredOption("--customer <id>", "the customer id as imported")
    .action(async (opts: { customer: string }) => {
      const counts = await withStore(async (store) => {
        const { customer: _found, ...erased } = await store.privacy.eraseCustomer(opts.customer);
        await store.access.audit({
          actor: cliActor(),
          action: "customer.erase",
          target: opts.customer,
          details: erased,
        });
        return erased;
      });
      process.stdout.write(`${JSON.stringify({ customer: opts.customer, ...counts })}\n`);
    });
  program
    .command("retention")
    .description("Delete raw text (turns, comments) older than N days; scores, analyses and aggregates stay.")
    .option("--days <n>", "keep text this many days (default: KOHTAAMO_RETENTION_DAYS)", positiveWholeNumber)
    .action(async (opts: { days?: number }) => {
      const result = await withStore(async (store, cfg) => {
        const days = opts.days ?? cfg.retentionDays;
        if (days === undefined || !(days > 0)) {
          throw new KohtaamoError(
            "bad_request",
            "--days: give the number of days to keep text (or set KOHTAAMO_RETENTION_DAYS)",
          );
        }
        const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
        const removed = await store.privacy.applyRetention(cutoff);
        await store.access.audit({
          actor: cliActor(),
          action: "retention.apply",
          details: { days, cutoff, ...removed },
        });
        return { cutoff, ...removed };
      });
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
}
