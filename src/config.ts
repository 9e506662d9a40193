import net from "node:net";
import path from "node:path";
import { z } from "zod";
import { type OidcSettings, oidcSettingsFromEnv } from "./auth/oidc-settings.ts";
import { type CaseRules, caseRulesWith } from "./domain/case-rules.ts";
import type { NotificationSettings } from "./workflows/notification-settings.ts";

/**
 * The only reader of process.env. Parsed once with zod and frozen, so a typo in a variable
 * fails at start with a message naming the variable instead of surfacing later as odd behaviour.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  KOHTAAMO_DATA_DIR: z.string().min(1).default("./data"),
  KOHTAAMO_TIMEZONE: z.string().default("Europe/Helsinki"),
  KOHTAAMO_REDACTION: z.enum(["on", "off"]).default("on"),
  KOHTAAMO_RETENTION_DAYS: z.coerce.number().int().positive().optional(),
  KOHTAAMO_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .superRefine((list, ctx) => {
      for (const entry of list.filter((e) => !isAddressOrRange(e))) {
        ctx.addIssue({
          code: "custom",
          message: `"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8)`,
        });
      }
    }),
  KOHTAAMO_MIN_GROUP: z.coerce.number().int().min(1).default(5),
  /** JSON merged over the default case rules, e.g. {"csat_low":{"enabled":true}} (domain/case-rules.ts). */
  KOHTAAMO_CASE_RULES: z.string().optional(),
  /** Notifications (workflows/notification-dispatcher.ts): links point here; e-mail is off without SMTP. */
  KOHTAAMO_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .optional(),
  KOHTAAMO_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  KOHTAAMO_MAIL_FROM: z.string().min(3).optional(),
  KOHTAAMO_MAIL_LANGUAGE: z.enum(["fi", "en"]).default("fi"),
  KOHTAAMO_NOTIFY_INTERVAL_SECONDS: z.coerce.number().min(1).max(3600).default(10),
  /** Background jobs in the server process (inline) or only in `kohtaamo worker` processes (off). */
  KOHTAAMO_WORKER: z.enum(["inline", "off"]).optional(),
  /** Text analysis in the write transaction (inline) or afterwards in `kohtaamo worker` jobs (queue). */
  KOHTAAMO_ANALYSIS: z.enum(["inline", "queue"]).optional(),
  /** Worker threads for background analysis jobs (analysis/analysis-threads.ts); 1: on the job's own thread. */
  KOHTAAMO_ANALYSIS_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /** Seals inbound integrations' signing secrets (auth/secret-box.ts); unset: <data dir>/secret.key. */
  KOHTAAMO_SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Set → PostgreSQL; unset → the embedded SQLite file under dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly sqliteFile: string;
  readonly timeZone: string;
  /** Redact personal data from text before it is stored (on unless explicitly turned off). */
  readonly redaction: boolean;
  /** Raw text (turns, comments) older than this many days is deleted at start and by `kohtaamo retention`. */
  readonly retentionDays: number | undefined;
  /** Single sign-on (KOHTAAMO_OIDC_*), or null when it is not configured. */
  readonly oidc: OidcSettings | null;
  /** Reverse proxies whose X-Forwarded-For is believed for login throttling (IPs and CIDRs). */
  readonly trustedProxies: readonly string[];
  /** Privacy floor: viewers, managers and agents see no report group with fewer answers or encounters (docs/security.md). */
  readonly minGroup: number;
  /** Which records open follow-up cases, and each rule's SLA (KOHTAAMO_CASE_RULES over the defaults). */
  readonly caseRules: CaseRules;
  /** Webhooks and e-mail: the public URL for links, SMTP (none: e-mail off), the default e-mail language. */
  readonly notifications: NotificationSettings;
  /** How often the server's dispatcher delivers due notifications. */
  readonly notifyIntervalMs: number;
  /** Whether `kohtaamo start` runs the job queue in-process (default: inline on SQLite, off on PostgreSQL). */
  readonly worker: "inline" | "off";
  /**
   * Where imported text is analysed (KOHTAAMO_ANALYSIS): inline in the write transaction; queue: by
   * `kohtaamo worker` jobs after it; auto (unset on PostgreSQL): queue while a worker runs, else inline.
   */
  readonly analysis: "inline" | "queue" | "auto";
  /** Threads an analysis or reanalysis job's batch is analysed on (KOHTAAMO_ANALYSIS_THREADS). */
  readonly analysisThreads: number;
  /** KOHTAAMO_SECRET_KEY: the passphrase integration secrets are sealed with (auth/secret-box.ts). */
  readonly secretKey: string | undefined;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (!isValidTimeZone(e.KOHTAAMO_TIMEZONE)) {
    throw new Error(
      `Invalid environment configuration:\n  KOHTAAMO_TIMEZONE: unknown time zone "${e.KOHTAAMO_TIMEZONE}"`,
    );
  }
  const dataDir = path.resolve(e.KOHTAAMO_DATA_DIR);
  const caseRules = parseCaseRules(e.KOHTAAMO_CASE_RULES);
  if (e.KOHTAAMO_SMTP_URL && !e.KOHTAAMO_MAIL_FROM) {
    throw new Error(
      "Invalid environment configuration:\n  KOHTAAMO_MAIL_FROM: required with KOHTAAMO_SMTP_URL (the From address of e-mails)",
    );
  }
  const analysis = e.KOHTAAMO_ANALYSIS ?? (e.DATABASE_URL ? "auto" : "inline");
  if (analysis === "queue" && !e.DATABASE_URL && e.KOHTAAMO_WORKER === "inline") {
    throw new Error(
      "Invalid environment configuration:\n  KOHTAAMO_ANALYSIS: queue on SQLite leaves analysis to `kohtaamo worker`, and one SQLite file has one job runner: set KOHTAAMO_WORKER=off (or leave it unset)",
    );
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    sqliteFile: path.join(dataDir, "kohtaamo.db"),
    timeZone: e.KOHTAAMO_TIMEZONE,
    redaction: e.KOHTAAMO_REDACTION === "on",
    retentionDays: e.KOHTAAMO_RETENTION_DAYS,
    oidc: oidcSettingsFromEnv(env),
    trustedProxies: Object.freeze(e.KOHTAAMO_TRUSTED_PROXIES),
    minGroup: e.KOHTAAMO_MIN_GROUP,
    caseRules,
    notifications: Object.freeze({
      publicUrl: (
        e.KOHTAAMO_PUBLIC_URL ?? `http://${e.HOST === "0.0.0.0" ? "localhost" : e.HOST}:${e.PORT}`
      ).replace(/\/+$/, ""),
      smtpUrl: e.KOHTAAMO_SMTP_URL,
      mailFrom: e.KOHTAAMO_MAIL_FROM,
      mailLanguage: e.KOHTAAMO_MAIL_LANGUAGE,
      timeZone: e.KOHTAAMO_TIMEZONE,
    }),
    notifyIntervalMs: e.KOHTAAMO_NOTIFY_INTERVAL_SECONDS * 1000,
    worker: e.KOHTAAMO_WORKER ?? (e.DATABASE_URL || analysis === "queue" ? "off" : "inline"),
    analysis,
    analysisThreads: e.KOHTAAMO_ANALYSIS_THREADS ?? DEFAULT_ANALYSIS_THREADS,
    secretKey: e.KOHTAAMO_SECRET_KEY,
  });
}

/**
 * KOHTAAMO_ANALYSIS_THREADS unset: 1, because on the 2 shared vCPUs measured (npm run bench:analysis,
 * docs/deployment.md) two threads analysed a job's batches no faster than one; set it to the free
 * cores (up to 4) where `bench:analysis`'s raw floor shows them.
 */
const DEFAULT_ANALYSIS_THREADS = 1;

function parseCaseRules(text: string | undefined): CaseRules {
  try {
    return caseRulesWith(text ? JSON.parse(text) : {});
  } catch (error) {
    const detail =
      error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")
        : (error as Error).message;
    throw new Error(`Invalid environment configuration:\n  KOHTAAMO_CASE_RULES: ${detail}`);
  }
}

function isAddressOrRange(entry: string): boolean {
  const [address = "", bits, extra] = entry.split("/");
  const family = net.isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

let cached: Config | undefined;

/** The process configuration, parsed from process.env on first use. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
