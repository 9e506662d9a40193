import { useCallback, useEffect, useState } from "react";
import { api } from "./api.ts";

export type Loaded<T> =
  | { state: "loading" }
  | { state: "error"; error: Error; retry: () => void }
  | { state: "done"; data: T };

/**
 * How long to wait before asking again for a report whose intervals are still being computed: 1.5 s
 * at first, each wait a quarter longer, at most 15 s. It keeps asking while the page is open — on a
 * large workspace the intervals job can take minutes, and the numbers should still replace the
 * "computing…" label without a reload.
 */
export function pendingPollDelay(polls: number): number {
  return Math.min(15_000, Math.round(1500 * 1.25 ** polls));
}

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
    // "pending") is shown at once and asked for again until they are there (pendingPollDelay).
    const load = (polls: number): Promise<void> =>
      api<T>(path, { signal: controller.signal }).then((data) => {
        setResult({ state: "done", data });
        if ((data as { intervals?: unknown } | null)?.intervals === "pending")
          timer = setTimeout(() => void load(polls + 1).catch(() => undefined), pendingPollDelay(polls));
      });
    load(0).then(
      () => undefined,
      (error: unknown) => {
        // Aborted by this hook (a newer request, unmounting) or by signing out (api.ts: endSessionRequests).
        if (controller.signal.aborted || (error instanceof DOMException && error.name === "AbortError"))
          return;
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
