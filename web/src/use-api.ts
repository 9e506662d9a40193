import { useCallback, useEffect, useState } from "react";
import { api } from "./api.ts";

export type Loaded<T> =
  | { state: "loading" }
  | { state: "error"; error: Error; retry: () => void }
  | { state: "done"; data: T };

const PENDING_POLLS = 40;
const PENDING_POLL_MS = 1500;

/** GETs an API path whenever it changes; a newer request cancels the one before it. */
export function useApi<T>(path: string | null): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt re-runs the request on retry
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setResult({ state: "loading" });
    // A report whose bootstrap intervals a background job is still computing ("intervals":
    // "pending") is shown at once and asked for again until they are there (at most a minute).
    const load = (polls: number): Promise<void> =>
      api<T>(path, { signal: controller.signal }).then((data) => {
        setResult({ state: "done", data });
        if (polls < PENDING_POLLS && (data as { intervals?: unknown } | null)?.intervals === "pending")
          timer = setTimeout(() => void load(polls + 1).catch(() => undefined), PENDING_POLL_MS);
      });
    load(0).then(
      () => undefined,
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResult({
          state: "error",
          error: error instanceof Error ? error : new Error(String(error)),
          retry,
        });
      },
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [path, attempt, retry]);
  return result;
}
