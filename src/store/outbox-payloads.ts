import type { z } from "zod";
import {
  NOTIFICATION_PAYLOADS,
  type NotificationEvent,
  type NotificationEventType,
} from "../domain/notification-events.ts";

/**
 * An outbox payload as stored: checked against its event type's schema, with every field the
 * schema does not name dropped, as JSON text. The schemas of the events an import writes in bulk
 * (case.opened: about 64,000 per 100,000 answers) are plain objects of strings, enums and
 * nullables; such a schema is compiled once into a check that walks its shape directly, without
 * zod's per-call machinery (0.37 s of an import's CPU per 100,000 answers). Whatever the compiled
 * check does not accept — or a schema it cannot compile (refinements, numbers, lists) — goes to
 * zod itself, which then either throws its usual error or gives the stored value; so the text is
 * always what `JSON.stringify(schema.parse(payload))` gives (outbox-payloads.test.ts holds the two
 * together).
 */
export function payloadJson(event: NotificationEvent): string {
  const check = compiledCheck(event.type);
  const value = check ? check(event.payload) : REJECTED;
  const schema = NOTIFICATION_PAYLOADS[event.type] as z.ZodType;
  return JSON.stringify(value === REJECTED ? schema.parse(event.payload) : value);
}

const REJECTED = Symbol("rejected");
type Check = (value: unknown) => unknown;

const compiled = new Map<NotificationEventType, Check | null>();

function compiledCheck(type: NotificationEventType): Check | null {
  let check = compiled.get(type);
  if (check === undefined) {
    check = compile(NOTIFICATION_PAYLOADS[type] as z.ZodType);
    compiled.set(type, check);
  }
  return check;
}

interface Def {
  type: string;
  checks?: unknown[];
  shape?: Record<string, z.ZodType>;
  catchall?: unknown;
  entries?: Record<string, unknown>;
  innerType?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A check for a schema built only of the kinds below, or null when it has anything else. */
function compile(schema: z.ZodType): Check | null {
  const def = defOf(schema);
  if (def.checks && def.checks.length > 0) return null;
  switch (def.type) {
    case "string":
      return (value) => (typeof value === "string" ? value : REJECTED);
    case "enum": {
      const allowed = new Set(Object.values(def.entries ?? {}));
      if ([...allowed].some((v) => typeof v !== "string")) return null;
      return (value) => (allowed.has(value) ? value : REJECTED);
    }
    case "nullable": {
      const inner = def.innerType ? compile(def.innerType) : null;
      if (!inner) return null;
      return (value) => (value === null ? null : inner(value));
    }
    case "object": {
      if (def.catchall !== undefined || !def.shape) return null;
      const fields: [string, Check][] = [];
      for (const [key, field] of Object.entries(def.shape)) {
        const check = compile(field);
        if (!check) return null;
        fields.push([key, check]);
      }
      return (value) => {
        if (value === null || typeof value !== "object" || Array.isArray(value)) return REJECTED;
        const out: Record<string, unknown> = {};
        for (const [key, check] of fields) {
          const checked = check((value as Record<string, unknown>)[key]);
          if (checked === REJECTED) return REJECTED;
          out[key] = checked;
        }
        return out;
      };
    }
    default:
      return null;
  }
}
