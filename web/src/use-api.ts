import { useCallback, useEffect, useState } from "react";
import { api } from "./api.ts";

export type Loaded<T> =
  | { state: "loading" }
  | { state: "error"; error: Error; retry: () => void }
  | { state: "done"; data: T };

/** GETs an API path whenever it changes; a newer request cancels the one before it. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt re-runs the request on retry
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setResult({ state: "loading" });
    api<T>(path, { signal: controller.signal }).then(
      (data) => setResult({ state: "done", data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResult({
          state: "error",
          error: error instanceof Error ? error : new Error(String(error)),
          retry,
        });
      },
    );
    return () => controller.abort();
  }, [path, attempt, retry]);
  return result;
}
