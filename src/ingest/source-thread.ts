import { Worker } from "node:worker_threads";
import { type ErrorCode, KohtaamoError, type RecordKind } from "../domain/index.ts";
import type { SourceItem } from "./source-item.ts";
import type { OpenSourceOptions, SourceFormat } from "./source-reader.ts";

/**
 * A file import's reading on a thread of its own (issue 14 item 5): decoding, parsing, validation
 * and redaction run beside the main thread, which only writes batches. Profiled on PostgreSQL, the
 * main thread was the import's critical path — its CPU (reading and validating, then COPY text,
 * hashes and the case rules) exceeded the database backend's, and while it validated a run of rows
 * the database's answers waited for the event loop. Items arrive in file order, already redacted
 * (personal data is replaced in the reading thread, before anything reaches the write path), in
 * chunks, with at most a few chunks read ahead.
 */

/** What the reading thread is given (workerData). */
export interface ThreadRequest {
  file: string;
  options: OpenSourceOptions<RecordKind>;
  redaction: boolean;
  chunkSize: number;
  chunksAhead: number;
}

/** What the reading thread posts: the source's shape, then chunks of items, then the end (or an error). */
export type ThreadMessage =
  | { t: "open"; format: SourceFormat; totalBytes: number }
  | { t: "items"; items: SourceItem[]; bytesRead: number }
  | { t: "end" }
  | { t: "error"; error: { name: string; message: string; code?: unknown; details?: unknown } };

export interface ThreadedSource<K extends RecordKind> {
  format: SourceFormat;
  totalBytes: number;
  bytesRead(): number;
  /** Items in file order, a chunk at a time; stopping early (break, throw) stops the thread. */
  chunks: AsyncIterable<SourceItem<K>[]>;
}

const ENTRY = new URL("./source-thread-entry.mjs", import.meta.url);

/**
 * Opens `file` on a reading thread. Throws what openSource would throw for an unusable file
 * (unreadable_input, bad_request as KohtaamoError) before the first item.
 */
export async function openSourceOnThread<K extends RecordKind>(
  file: string,
  options: OpenSourceOptions<K>,
  redaction: boolean,
): Promise<ThreadedSource<K>> {
  const request: ThreadRequest = { file, options, redaction, chunkSize: 500, chunksAhead: 4 };
  const worker = new Worker(ENTRY, { workerData: request });
  const queue: ThreadMessage[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  const push = (message: ThreadMessage) => {
    queue.push(message);
    wake?.();
  };
  worker.on("message", (message: ThreadMessage) => push(message));
  worker.on("error", (error: Error) =>
    push({ t: "error", error: { name: error.name, message: error.message } }),
  );
  worker.on("exit", (code) => {
    if (!ended)
      push({
        t: "error",
        error: { name: "Error", message: `the reading thread stopped (exit code ${code})` },
      });
  });
  const next = async (): Promise<ThreadMessage> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    const message = queue.shift() as ThreadMessage;
    if (message.t === "end" || message.t === "error") ended = true;
    return message;
  };
  const first = await next();
  if (first.t !== "open") {
    await worker.terminate();
    throw first.t === "error" ? revive(first.error) : new Error(`reading thread sent ${first.t} first`);
  }
  let bytesRead = 0;
  async function* chunks(): AsyncGenerator<SourceItem<K>[]> {
    try {
      for (;;) {
        const message = await next();
        if (message.t === "end") return;
        if (message.t === "error") throw revive(message.error);
        if (message.t !== "items") continue;
        bytesRead = message.bytesRead;
        worker.postMessage("more");
        yield message.items as SourceItem<K>[];
      }
    } finally {
      ended = true;
      await worker.terminate();
    }
  }
  return { format: first.format, totalBytes: first.totalBytes, bytesRead: () => bytesRead, chunks: chunks() };
}

/** The thread's error as the caller would have seen it from openSource in this thread. */
function revive(error: { name: string; message: string; code?: unknown; details?: unknown }): Error {
  if (error.name === "KohtaamoError" && typeof error.code === "string")
    return new KohtaamoError(error.code as ErrorCode, error.message, error.details);
  return Object.assign(new Error(error.message), error.code === undefined ? {} : { code: error.code });
}
