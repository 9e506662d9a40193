import { parentPort, workerData } from "node:worker_threads";
import type { RecordKind, RecordOfKind } from "../domain/index.ts";
import { ingestPipeline, prepareRecord } from "./ingest-pipeline.ts";
import type { SourceItem } from "./source-item.ts";
import { openSource } from "./source-reader.ts";
import type { ThreadMessage, ThreadRequest } from "./source-thread.ts";

/**
 * The reading thread of a file import (source-thread.ts): opens the source, reads, validates and
 * redacts every row, and posts the items in file order, in chunks. It runs at most
 * `request.chunksAhead` chunks ahead of what the importer has taken, so a slow database holds the
 * reading back instead of filling memory.
 */
const port = parentPort;
if (!port) throw new Error("source-thread-worker.ts runs only as a worker thread");
const request = workerData as ThreadRequest;
const post = (message: ThreadMessage) => port.postMessage(message);

let credits = request.chunksAhead;
let wake: (() => void) | null = null;
port.on("message", () => {
  credits++;
  wake?.();
});
const credit = async () => {
  while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
  wake = null;
  credits--;
};

try {
  const source = await openSource(request.file, request.options);
  post({ t: "open", format: source.format, totalBytes: source.totalBytes });
  // Redacted here, as each row is read: personal data never leaves this thread unredacted.
  const pipeline = ingestPipeline({ redaction: request.redaction, analyzer: null });
  let chunk: SourceItem[] = [];
  for await (const item of source.items) {
    chunk.push(
      item.ok
        ? {
            ...item,
            record: prepareRecord(pipeline, request.options.kind, item.record as RecordOfKind[RecordKind]),
          }
        : item,
    );
    if (chunk.length >= request.chunkSize) {
      await credit();
      post({ t: "items", items: chunk, bytesRead: source.bytesRead() });
      chunk = [];
    }
  }
  await credit();
  post({ t: "items", items: chunk, bytesRead: source.totalBytes });
  post({ t: "end" });
} catch (error) {
  const e = error as { name?: string; message?: string; code?: unknown; details?: unknown };
  post({
    t: "error",
    error: {
      name: String(e?.name ?? "Error"),
      message: String(e?.message ?? error),
      code: e?.code,
      details: e?.details,
    },
  });
}
// Nothing more to wait for: the thread ends once its last message is on its way.
port.removeAllListeners("message");
