import type { Store } from "../store/index.ts";
import { refreshCube } from "../workflows/report-cube.ts";

/**
 * Brings the report cube up to date after records were written (import, demo, start-up), saying on
 * stderr how long it took when there was anything to do, so the first dashboard reader does not wait.
 */
export async function updateReportCube(store: Store, timeZone: string): Promise<void> {
  const t0 = performance.now();
  const { answers, encounters } = await refreshCube(store, timeZone);
  const months = new Set([...answers, ...encounters]).size;
  if (months === 0) return;
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  process.stderr.write(`report aggregates updated for ${months} months in ${seconds} s\n`);
}
