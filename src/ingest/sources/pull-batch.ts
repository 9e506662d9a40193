import type { z } from "zod";
import { KohtaamoError, type RecordKind } from "../../domain/index.ts";
import type { Store } from "../../store/index.ts";
import type { IntegrationForHook, IntegrationKind } from "../../store/integration-repository.ts";
import { acceptBatch } from "../batch-intake.ts";
import type { IngestPipeline } from "../ingest-pipeline.ts";
import { codedDetails } from "./integration-errors.ts";
import { type IntegrationSecrets, integrationSecrets } from "./integration-secrets.ts";

/** What every pull over a vendor's API needs (zendesk-pull.ts, chatwoot-pull.ts). */
export interface PullContext {
  store: Store;
  pipeline: IngestPipeline;
  timeZone: string;
  /** Progress lines for stderr: counts and cursors, never customer text. */
  log?: (line: string) => void;
}

/** What came of the records a pull wrote, as acceptBatch counts them. */
export interface WriteCounts {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export function noWrites(): WriteCounts {
  return { imported: 0, updated: 0, unchanged: 0, rejected: 0 };
}

/**
 * Writes one page's records through the batch API's path (acceptBatch: validation, redaction,
 * idempotent upsert by id, analysis unless the pipeline has none) and adds up what came of them;
 * the first refusals are logged by id and field, never with their text.
 */
export async function writePage(
  ctx: PullContext,
  kind: RecordKind,
  items: Record<string, unknown>[],
  into: WriteCounts,
  pipeline: IngestPipeline = ctx.pipeline,
): Promise<void> {
  if (items.length === 0) return;
  const r = await acceptBatch(ctx.store, kind, items, { timeZone: ctx.timeZone, pipeline });
  into.imported += r.imported;
  into.updated += r.updated;
  into.unchanged += r.unchanged;
  into.rejected += r.errors.length;
  for (const e of r.errors.slice(0, 5)) {
    const why = e.problems.map((p) => `${p.field}: ${p.reason}`).join("; ");
    ctx.log?.(`refused ${kind} ${e.id ?? `item ${e.index}`}: ${why}`);
  }
}

/** A vendor's answer parsed with its documented shape, or a validation error naming where it differs. */
export function parseVendor<T extends z.ZodType>(
  vendor: string,
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const at = issue ? issue.path.join(".") || "(body)" : "(body)";
  throw new KohtaamoError(
    "validation_failed",
    `${vendor}'s ${what} is not shaped as documented: ${issue ? `${at}: ${issue.message}` : "invalid"}`,
    codedDetails("pull.vendor_shape", { vendor, what, at }),
  );
}

/**
 * A pull that cannot start: 400 naming the setting or secret (never its value), with the code of
 * integration-errors.ts that says whether it is missing or invalid (the admin page words it).
 */
export function pullProblem(
  field: string,
  reason: string,
  code: "pull.setting_invalid" | "pull.setting_missing" | "pull.token_missing" = "pull.setting_invalid",
): KohtaamoError {
  return new KohtaamoError("bad_request", `cannot pull: ${field} ${reason}`, {
    problems: [{ field, reason }],
    ...codedDetails(code, code === "pull.setting_invalid" ? { field, reason } : { field }),
  });
}

/**
 * What every pull checks first: the integration is of `kind` and switched on, its settings and
 * mapping parse, its secret splits into signing secret and API token (a 400 names the field).
 */
export function pullBasics<S extends z.ZodType, M extends z.ZodType>(
  found: IntegrationForHook,
  kind: IntegrationKind,
  settingsSchema: S,
  mappingSchema: M,
): { settings: z.output<S>; mapping: z.output<M>; secrets: IntegrationSecrets } {
  const { view } = found;
  if (view.kind !== kind) throw pullProblem("kind", `is ${view.kind}, not ${kind}`);
  if (!view.enabled) throw new KohtaamoError("forbidden", `integration ${view.id} is switched off`);
  const settings = settingsSchema.safeParse(view.settings);
  if (!settings.success) throw pullProblem("settings", settings.error.issues[0]?.message ?? "invalid");
  const mapping = mappingSchema.safeParse(view.mapping);
  if (!mapping.success) throw pullProblem("mapping", mapping.error.issues[0]?.message ?? "invalid");
  const secrets = integrationSecrets(found.secret);
  if ("problem" in secrets) throw pullProblem("secret", secrets.problem);
  return { settings: settings.data, mapping: mapping.data, secrets };
}
