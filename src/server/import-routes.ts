import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { fileError, KohtaamoError } from "../domain/index.ts";
import { ErrorBody } from "./api-schemas.ts";
import { principal } from "./auth-context.ts";
import { ImportJobs, withFileName } from "./import-jobs.ts";
import { previewUpload } from "./import-preview.ts";
import {
  ImportPreview,
  ImportRun,
  ImportSettings,
  MAX_UPLOAD_BYTES,
  RunIdParam,
  Upload,
  UploadIdParam,
  UploadQuery,
} from "./import-schemas.ts";
import type { ServerContext } from "./server-context.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const errors = {
  400: json(ErrorBody, "the request or the file cannot be read; the message says why"),
  404: json(ErrorBody, "no such upload or run (or not the caller's)"),
};
const settingsBody = {
  body: { content: { "application/json": { schema: ImportSettings } }, required: true },
};

/**
 * Import from the web app, with the CLI's importer (src/ingest/importer.ts): upload a file, preview
 * how it reads (format, encoding, delimiter, which field each column feeds, the first rows), adjust
 * the mapping and kind, start the import, poll its progress, and read or download the rejected rows.
 * Uploads and runs belong to whoever made them. Who may import at all: the route rules (writeRecords).
 */
export function importRoutes(ctx: ServerContext): OpenAPIHono {
  const app = new OpenAPIHono();
  const jobs = new ImportJobs(ctx);
  // Copies of uploads on this machine's disk (previews, rejected rows) go when the server stops.
  ctx.atStop?.(() => jobs.dispose());
  const maxMb = MAX_UPLOAD_BYTES / 1024 / 1024;

  app.use(
    "/imports/uploads",
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES,
      onError: () => {
        throw new KohtaamoError(
          "payload_too_large",
          `the file is larger than ${maxMb} MB, the limit of an upload; split it into smaller files, or import it with the command line (kohtaamo import), which has no limit`,
        );
      },
    }),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/imports/uploads",
      tags: ["import"],
      summary: `Upload a CSV, XLSX, JSONL, VTT or SRT file (at most ${maxMb} MB) to preview and import`,
      request: {
        query: UploadQuery,
        body: {
          content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
          required: true,
        },
      },
      responses: {
        201: json(Upload, "the upload, kept for an hour"),
        413: json(ErrorBody, "the file is over the limit"),
        ...errors,
      },
    }),
    async (c) => {
      const { name } = c.req.valid("query");
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength === 0)
        throw fileError("unreadable_input", "file_empty", `Cannot read ${name}: the file is empty`);
      const upload = await jobs.saveUpload(principal(c).id, name, bytes);
      return c.json({ id: upload.id, name: upload.name, bytes: upload.bytes }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/imports/uploads/{id}/preview",
      tags: ["import"],
      summary:
        "How an upload reads with these settings: format, encoding, delimiter, mapping and the first rows",
      request: { params: UploadIdParam, ...settingsBody },
      responses: { 200: json(ImportPreview, "the preview"), ...errors },
    }),
    async (c) => {
      const upload = await jobs.upload(principal(c).id, c.req.valid("param").id);
      const settings = c.req.valid("json");
      const preview = await withFileName(upload, () =>
        previewUpload(
          upload.file,
          { id: upload.id, name: upload.name, bytes: upload.bytes },
          settings,
          ctx.timeZone,
        ),
      );
      if (preview.problem) preview.problem = preview.problem.replaceAll(upload.file, upload.name);
      return c.json(preview, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/imports/uploads/{id}/runs",
      tags: ["import"],
      summary: "Import an upload with these settings; answers at once with the run to poll",
      request: { params: UploadIdParam, ...settingsBody },
      responses: {
        202: json(ImportRun, "the run, started"),
        409: json(ErrorBody, "the upload is already being imported"),
        503: json(
          ErrorBody,
          "the job queue did not take the import; the run failed and the upload can be started again",
        ),
        ...errors,
      },
    }),
    async (c) => {
      const { id: owner, email } = principal(c);
      const upload = await jobs.upload(owner, c.req.valid("param").id);
      const runId = await jobs.start(upload, c.req.valid("json"), email);
      return c.json(await jobs.run(owner, runId), 202);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/imports/runs/{id}",
      tags: ["import"],
      summary: "An import's progress, and when it has ended its counts and first rejected rows",
      request: { params: RunIdParam },
      responses: { 200: json(ImportRun, "the run"), ...errors },
    }),
    async (c) => c.json(await jobs.run(principal(c).id, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/imports/runs/{id}/rejects",
      tags: ["import"],
      summary: "Every rejected row of an import with its line and reasons, as CSV",
      request: { params: RunIdParam },
      responses: {
        200: { content: { "text/csv": { schema: z.string() } }, description: "the rejected rows" },
        ...errors,
      },
    }),
    async (c) => {
      const { name, csv } = await jobs.rejectsCsv(principal(c).id, c.req.valid("param").id);
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name.replace(/[^\w.-]/g, "_")}"`,
        "cache-control": "no-store",
      });
    },
  );

  return app;
}
