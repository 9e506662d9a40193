import type { z } from "@hono/zod-openapi";
import { useEffect, useId, useRef, useState } from "react";
import type { IntegrationDetail, PullStarted } from "../../../src/server/integration-schemas.ts";
import { ApiError, api } from "../api.ts";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import type { Integration } from "./admin-integration-form.tsx";
import { errorText, fieldLabel, outcomeText, streamName } from "./admin-integration-outcome.ts";
import { useDateTime } from "./admin-page.tsx";
import type { PullKind } from "./admin-pull-fields.ts";
import { PullSettingsForm } from "./admin-pull-settings.tsx";

export type Detail = z.input<typeof IntegrationDetail>;
type Started = z.input<typeof PullStarted>;

/** How often the detail is read again while a pull the admin started has not ended. */
const POLL_MS = 1500;

/** A pull asked for here: the API's answer, and the pull and error it found, to tell when a new one ends. */
interface Asked {
  started: Started;
  lastPullId: string | null;
  lastErrorAt: string | null;
}

/**
 * In the detail panel of a Zendesk or Chatwoot integration: "Pull now" (POST …/pull), what came of
 * it (queued, running, its counts or its failure, polled until it ends), the last pull, where the
 * next one starts (the saved cursors), and the pull settings; counts, streams and errors in the
 * page's language (admin-integration-outcome.ts). A refusal names the field and why;
 * switched off or without a secret, the button waits and says what to do first.
 */
export function PullSection({
  kind,
  integration,
  detail,
  reload,
  onChanged,
}: {
  kind: PullKind;
  integration: Integration;
  detail: Detail;
  reload: () => Promise<void>;
  onChanged: (notice: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const dateTime = useDateTime();
  const id = useId();
  const [asked, setAsked] = useState<Asked | null>(null);
  const [starting, setStarting] = useState(false);
  const [refusal, setRefusal] = useState<{ text: string; field: string | null } | null>(null);
  const vendor = t(`admin.integ.kind.${kind}` as MessageKey);

  const last = detail.last_pull;
  // A pull's failure: noted as "pull: …" with a pull.* code (or, noted before codes were kept, without one).
  const pullError =
    detail.last_error?.startsWith("pull:") && detail.last_error_at ? errorText(t, detail) : null;
  const failedLast = pullError && (!last || (detail.last_error_at ?? "") > last.received_at);
  // The asked pull has ended once a newer pull is logged with its counts, or a newer pull error noted.
  const finished =
    asked &&
    ((last && last.delivery_id !== asked.lastPullId && last.outcome !== "processing") ||
      (pullError && detail.last_error_at !== asked.lastErrorAt));
  const pending = asked !== null && !finished;

  // Each answer read while the pull is pending asks for the next one (keyed by the detail itself).
  useEffect(() => {
    if (!pending || !detail) return;
    const timer = setTimeout(() => void reload(), POLL_MS);
    return () => clearTimeout(timer);
  }, [pending, reload, detail]);
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!finished || !asked || announced.current === asked.started.job_id + String(asked.lastPullId)) return;
    announced.current = asked.started.job_id + String(asked.lastPullId);
    // The table's last delivery and last error change with it.
    void onChanged("");
  }, [finished, asked, onChanged]);

  const blocked = !integration.enabled
    ? t("admin.pull.off")
    : !integration.has_secret
      ? t("admin.pull.noSecret")
      : null;

  const pull = async () => {
    setStarting(true);
    setRefusal(null);
    try {
      const started = await api<Started>(`/integrations/${encodeURIComponent(integration.id)}/pull`, {
        method: "POST",
      });
      setAsked({ started, lastPullId: last?.delivery_id ?? null, lastErrorAt: detail.last_error_at ?? null });
      await reload();
    } catch (error) {
      setAsked(null);
      setRefusal(refusalText(error));
    } finally {
      setStarting(false);
    }
  };

  const refusalText = (error: unknown): { text: string; field: string | null } => {
    if (error instanceof ApiError && error.status === 403)
      return { text: t("admin.pull.refusedOff"), field: null };
    const details =
      error instanceof ApiError
        ? (error.details as
            | {
                problems?: { field?: string; reason?: string }[];
                integration_error?: { code?: string };
              }
            | undefined)
        : undefined;
    const problem = details?.problems?.[0];
    if (problem?.field === "secret") return { text: t("admin.pull.refusedSecret"), field: "secret" };
    if (problem?.field && details?.integration_error?.code === "pull.setting_missing") {
      return {
        text: t("admin.pull.refusedMissing", { field: fieldLabel(t, problem.field) }),
        field: problem.field,
      };
    }
    if (problem?.field) {
      return {
        text: t("admin.pull.refused", { field: fieldLabel(t, problem.field), reason: problem.reason ?? "" }),
        field: problem.field,
      };
    }
    return { text: t("admin.failed", { message: (error as Error).message }), field: null };
  };

  const startedText = (s: Started) =>
    s.status === "queued"
      ? s.job_id
        ? t("admin.pull.queuedJob", { job: s.job_id })
        : t("admin.pull.queued")
      : s.status === "already_queued"
        ? t("admin.pull.alreadyQueued")
        : s.status === "started"
          ? t("admin.pull.started")
          : t("admin.pull.alreadyRunning");

  return (
    <section className="admin-pull" aria-labelledby={`${id}-title`} data-testid="integration-pull">
      <h3 id={`${id}-title`}>{t("admin.pull.title", { vendor })}</h3>
      <p className="small muted">{t("admin.pull.intro")}</p>
      <div className="admin-actions">
        <button
          type="button"
          className="button button-primary"
          aria-label={t("admin.pull.nowLabel", { name: integration.name })}
          aria-describedby={blocked ? `${id}-blocked` : undefined}
          disabled={starting || pending || blocked !== null}
          onClick={() => void pull()}
        >
          {starting ? t("admin.pull.starting") : t("admin.pull.now")}
        </button>
      </div>
      {blocked ? (
        <p id={`${id}-blocked`} className="admin-pull-blocked" data-testid="pull-blocked">
          {blocked}
        </p>
      ) : null}
      {refusal ? (
        <p
          className="status status-error"
          role="alert"
          data-testid="pull-refused"
          data-field={refusal.field ?? ""}
        >
          {refusal.text}
        </p>
      ) : null}
      <p className="admin-pull-state" role="status" aria-live="polite" data-testid="pull-state">
        {asked === null
          ? ""
          : finished
            ? failedLast && pullError
              ? t("admin.pull.failed", { error: pullError })
              : t("admin.pull.finished", { outcome: last ? outcomeText(t, last) : "" })
            : `${startedText(asked.started)}${last?.outcome === "processing" && last.delivery_id !== asked.lastPullId ? ` ${t("admin.pull.running", { at: dateTime(last.received_at, true) })}` : ""}`}
      </p>
      <p className="small" data-testid="pull-last">
        {failedLast && pullError
          ? t("admin.pull.lastFailed", { at: dateTime(detail.last_error_at ?? null, true), error: pullError })
          : !last
            ? t("admin.pull.never")
            : last.outcome === "processing"
              ? t("admin.pull.lastRunning", { at: dateTime(last.received_at, true) })
              : t("admin.pull.last", { at: dateTime(last.received_at, true), outcome: outcomeText(t, last) })}
      </p>
      <h4>{t("admin.pull.cursorsTitle")}</h4>
      {detail.cursors.length === 0 ? (
        <p className="small muted">{t("admin.pull.noCursors")}</p>
      ) : (
        <ul className="admin-deliveries" data-testid="pull-cursors">
          {detail.cursors.map((c) => (
            <li key={c.stream} data-stream={c.stream}>
              {t("admin.pull.cursor", {
                stream: streamName(t, c.stream),
                position: position(c.position, t, dateTime),
                at: dateTime(c.updated_at, true),
              })}
            </li>
          ))}
        </ul>
      )}
      <PullSettingsForm
        kind={kind}
        integration={integration}
        refusedField={refusal?.field ?? null}
        onSaved={async () => {
          setRefusal(null);
          await onChanged(t("admin.pull.saved", { name: integration.name }));
        }}
      />
    </section>
  );
}

/** A saved cursor in words: the page, the time answers are read from, the conversations read again. */
function position(
  p: Record<string, unknown>,
  t: ReturnType<typeof useI18n>["t"],
  dateTime: (iso: string | null, withSeconds?: boolean) => string,
): string {
  const parts: string[] = [];
  if (typeof p.page === "number") parts.push(t("admin.pull.cursor.page", { page: p.page }));
  if (typeof p.after_cursor === "string" || typeof p.after === "string")
    parts.push(t("admin.pull.cursor.after"));
  if (typeof p.since === "number") {
    parts.push(t("admin.pull.cursor.since", { at: dateTime(new Date(p.since * 1000).toISOString()) }));
  }
  if (Array.isArray(p.ids))
    parts.push(
      p.ids.length === 1
        ? t("admin.pull.cursor.open_one")
        : t("admin.pull.cursor.open", { count: p.ids.length }),
    );
  return parts.length > 0 ? parts.join(", ") : t("admin.pull.cursor.other");
}
