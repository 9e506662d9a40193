import type { JobQueue, RunnerOptions } from "./job-queue.ts";

/**
 * Every runner enqueues the periodic kinds (notification delivery, retention) itself, with the kind's
 * name as job key, so however many runners there are, at most one such job waits at a time. Why not
 * graphile-worker's crontab: it is minute-granular, and notifications are due every 10 s; this way
 * both databases schedule the same way.
 */
export function startPeriodicKinds(
  queue: Pick<JobQueue, "add">,
  options: Pick<RunnerOptions, "kinds" | "context">,
  nudge: () => void,
): { stop(): void } {
  const timers: NodeJS.Timeout[] = [];
  for (const kind of options.kinds) {
    const every = options.context.intervals?.[kind.name] ?? kind.every;
    if (!every) continue;
    const enqueue = () =>
      void queue
        .add(kind, {}, { jobKey: kind.name })
        .then((id) => {
          if (id) nudge();
        })
        .catch(() => undefined);
    enqueue();
    timers.push(setInterval(enqueue, every));
  }
  return { stop: () => timers.forEach(clearInterval) };
}
