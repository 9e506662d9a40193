import type { ImportRunBody } from "../../src/server/import-schemas.ts";
import { until } from "./waiting.ts";

/** A test's app: what answers its requests (Hono's `app.request`). */
interface RequestsTo {
  request(path: string, init: { headers: Record<string, string> }): Response | Promise<Response>;
}

/**
 * The import run `id` once it is done or failed, polled through GET /api/v1/imports/runs/:id. A 503
 * (the database busy: the run's own writes, on a loaded machine) is asked again, as a client would
 * after its Retry-After; any other answer than 200 fails at once with its status and body, so a
 * failure says what the server answered instead of a run.
 */
export function finishedRun(
  app: RequestsTo,
  headers: Record<string, string>,
  id: string | number,
  ms = 60_000,
): Promise<ImportRunBody> {
  return until(
    async () => {
      const res = await app.request(`/api/v1/imports/runs/${id}`, { headers });
      if (res.status === 503) return false;
      if (res.status !== 200)
        throw new Error(`GET /api/v1/imports/runs/${id}: ${res.status} ${await res.text()}`);
      const run = (await res.json()) as ImportRunBody;
      return run.status !== "running" && run;
    },
    `import run ${id} to finish`,
    ms,
  );
}

/** The id of a run its POST started (202), or a failure with what the server answered instead. */
export async function startedId(started: Response): Promise<string> {
  if (started.status !== 202) throw new Error(`starting the run: ${started.status} ${await started.text()}`);
  return ((await started.json()) as ImportRunBody).id;
}
