import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestPipeline } from "../../src/ingest/ingest-pipeline.ts";
import { createApp } from "../../src/server/app.ts";
import type { ImportPreviewBody } from "../../src/server/import-schemas.ts";
import type { Store } from "../../src/store/index.ts";
import { signedIn } from "../support/auth.ts";
import { ROOT } from "../support/cli.ts";
import { DIALECTS, freshStore } from "../support/databases.ts";
import { finishedRun, startedId } from "../support/import-runs.ts";

/** The web import (upload → preview → run) of a speech-to-text JSON, with its call details and speakers. */

type App = ReturnType<typeof createApp>;

const AWS = fs.readFileSync(path.join(ROOT, "examples", "call-aws-transcribe.json"));

async function postJson(app: App, auth: Record<string, string>, url: string, body: unknown) {
  return app.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: JSON.stringify(body),
  });
}

for (const dialect of DIALECTS) {
  describe(`web import of speech-to-text JSON on ${dialect}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: App;
    let analyst: Record<string, string>;

    beforeEach(async () => {
      ({ store, dispose } = await freshStore(dialect));
      app = createApp({ store, timeZone: "Europe/Helsinki", pipeline: ingestPipeline({ analyzer: null }) });
      analyst = (await signedIn(store, "analyst")).headers;
    });
    afterEach(async () => {
      await dispose();
    });

    it("detects AWS Transcribe, asks for the start time, maps the speakers and imports one encounter", async () => {
      const up = await app.request("/api/v1/imports/uploads?name=aws-puhelu.json", {
        method: "POST",
        headers: { "content-type": "application/octet-stream", ...analyst },
        body: AWS,
      });
      expect(up.status).toBe(201);
      const { id } = (await up.json()) as { id: string };
      const previewUrl = `/api/v1/imports/uploads/${id}/preview`;
      const bare = (await (
        await postJson(app, analyst, previewUrl, { kind: "encounters" })
      ).json()) as ImportPreviewBody;
      expect(bare.format).toBe("aws-transcribe");
      expect(bare.sample).toMatchObject([{ line: 1, ok: false, problems: [{ field: "started_at" }] }]);

      const strict = {
        kind: "encounters",
        transcript: { started_at: "2026-03-04T10:00:00+02:00", speakers: "spk_1=customer" },
      };
      const unmapped = (await (await postJson(app, analyst, previewUrl, strict)).json()) as ImportPreviewBody;
      expect(unmapped.sample[0]?.problems).toEqual([
        {
          field: "speaker spk_0",
          reason: expect.stringMatching(/aws-puhelu\.json.*not in the speaker mapping/),
          code: "speaker_not_mapped",
          params: expect.objectContaining({
            file: "aws-puhelu.json",
            identity: "spk_0",
            listed: "spk_1=customer",
          }),
        },
      ]);

      const badRole = await postJson(app, analyst, previewUrl, {
        kind: "encounters",
        transcript: { speakers: "spk_0=pomo" },
      });
      expect(badRole.status).toBe(400);

      const settings = {
        kind: "encounters",
        transcript: {
          started_at: "2026-03-04T10:00:00+02:00",
          team: "Billing",
          speakers: "spk_0=agent, spk_1=customer",
        },
      };
      const preview = (await (
        await postJson(app, analyst, previewUrl, settings)
      ).json()) as ImportPreviewBody;
      expect(preview).toMatchObject({ format: "aws-transcribe", problem: null });
      expect(preview.sample).toEqual([{ line: 1, ok: true, problems: [] }]);
      const started = await postJson(app, analyst, `/api/v1/imports/uploads/${id}/runs`, settings);
      const run = await finishedRun(app, analyst, await startedId(started));
      expect(run.counts.inserted).toBe(1);
      const call = await store.encounters.get("aws-puhelu");
      expect(call?.team).toBe("Billing");
      expect(call?.turns.map((t) => [t.speaker, t.at])).toEqual([
        ["agent", 0.64],
        ["customer", 4.71],
        ["agent", 9.9],
        ["customer", 13.8],
        ["agent", 22.4],
        ["customer", 28.3],
      ]);
    });
  });
}
