import { useEffect, useState } from "react";
import { ApiError, api } from "../api.ts";
import type { ThemesResult } from "../api-types.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import type { Loaded } from "../use-api.ts";
import { useApi } from "../use-api.ts";

/**
 * GETs a path again whenever it or `version` changes (a save elsewhere on the page bumps it). Unlike
 * useApi it keeps showing the last answer while the next one loads, so a table does not blink away
 * on every budget step; `stale` says a newer answer is on its way.
 */
export function useFresh<T>(path: string | null, version: number): Loaded<T> & { stale: boolean } {
  const [result, setResult] = useState<Loaded<T>>({ state: "loading" });
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key = `${path}#${version}#${attempt}`;
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    api<T>(path, { signal: controller.signal }).then(
      (data) => {
        setResult({ state: "done", data });
        setLoadedKey(key);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResult({
          state: "error",
          error: error instanceof Error ? error : new Error(String(error)),
          retry: () => setAttempt((a) => a + 1),
        });
        setLoadedKey(key);
      },
    );
    return () => controller.abort();
  }, [path, key]);
  return { ...result, stale: loadedKey !== key };
}

/** Theme id → its name in the UI language, from the themes report; every theme, suppressed ones too. */
export function useThemeNames(): Map<string, string> {
  const { lang } = useI18n();
  const report = useApi<ThemesResult>("/reports/themes");
  const names = new Map<string, string>();
  if (report.state === "done")
    for (const row of report.data.themes) names.set(row.theme, row.name[lang] ?? row.theme);
  return names;
}

/**
 * The fields a refused write names (error.details.problems[].field) with their reasons; an array
 * field's element (`themeIds.0`) counts as the field itself. Problems without a known field go to "".
 */
export function fieldProblems(error: unknown, known: readonly string[]): Map<string, string> {
  const problems = new Map<string, string>();
  const add = (field: string, reason: string) =>
    problems.set(field, problems.has(field) ? `${problems.get(field)}; ${reason}` : reason);
  const listed =
    error instanceof ApiError
      ? (error.details as { problems?: { field?: unknown; reason?: unknown }[] } | undefined)?.problems
      : undefined;
  if (Array.isArray(listed) && listed.length > 0) {
    for (const p of listed) {
      const named = typeof p.field === "string" ? p.field : "";
      const field = named.split(".")[0] ?? "";
      const reason = typeof p.reason === "string" ? p.reason : String(p.reason);
      if (known.includes(field)) add(field, reason);
      else add("", named ? `${named}: ${reason}` : reason);
    }
  } else add("", error instanceof Error ? error.message : String(error));
  return problems;
}
