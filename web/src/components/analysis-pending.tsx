import { useEffect, useState } from "react";
import { api } from "../api.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

/** GET /api/v1/analysis/status (server/analysis-status-routes.ts), the part this notice needs. */
interface AnalysisStatus {
  mode: "inline" | "queue" | "auto" | "off";
  pending: { total: number };
  workers: number;
}

/**
 * With KOHTAAMO_ANALYSIS=queue, records are stored first and analysed by workers after: while some
 * wait, themes and tone do not count them yet, so say how many (polled until none is left).
 * Nothing is shown when none waits, or when the status cannot be read.
 */
export function AnalysisPendingNotice({ everyMs = 15_000 }: { everyMs?: number }) {
  const { t, num } = useI18n();
  const [status, setStatus] = useState<AnalysisStatus | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      api<AnalysisStatus>("/analysis/status", { signal: controller.signal }).then(
        (s) => {
          if (controller.signal.aborted) return;
          setStatus(s);
          if (s.pending.total > 0) timer = setTimeout(load, everyMs);
        },
        () => undefined,
      );
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [everyMs]);
  const waiting = status?.pending.total ?? 0;
  if (waiting === 0) return null;
  const noWorker = status?.workers === 0 && status.mode !== "inline";
  return (
    <p className="muted small" role="status" data-testid="analysis-pending">
      {waiting === 1 ? t("analysis.pendingOne") : t("analysis.pending", { count: num(waiting, 0) })}
      {noWorker ? ` ${t("analysis.noWorker")}` : ""}
    </p>
  );
}
