import fs from "node:fs";
import path from "node:path";
import { OpenAPIHono } from "@hono/zod-openapi";
import { afterAll, describe, expect, it } from "vitest";
import { errorHandler } from "../../src/server/error-handler.ts";
import { mountWebAssets } from "../../src/server/web-assets.ts";
import { tempDir } from "../support/databases.ts";

/** The web app's files as the server hands them out, from a build folder made for the test. */
function appServing(root: string): OpenAPIHono {
  const app = new OpenAPIHono();
  app.onError(errorHandler(() => {}));
  mountWebAssets(app, root);
  return app;
}

describe("web assets", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const folder = () => {
    const d = tempDir("kohtaamo-dist-");
    dirs.push(d);
    return d;
  };
  /** A build folder with index.html and these files under assets/. */
  const build = (assets: Record<string, string>) => {
    const root = folder();
    fs.mkdirSync(path.join(root, "assets"));
    fs.writeFileSync(path.join(root, "index.html"), "<title>Kohtaamo</title>");
    for (const [name, text] of Object.entries(assets))
      fs.writeFileSync(path.join(root, "assets", name), text);
    return root;
  };

  it("says how to build the web app when there is no build", async () => {
    const res = await appServing(folder()).request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("npm run build:web");
  });

  it("serves the build: hashed assets cached for good, every other path the app's index.html", async () => {
    const app = appServing(build({ "index-abc123.js": "console.log(1)" }));

    const script = await app.request("/assets/index-abc123.js");
    expect(script.headers.get("content-type")).toMatch(/text\/javascript/);
    expect(script.headers.get("cache-control")).toContain("immutable");
    expect(await script.text()).toBe("console.log(1)");

    for (const deep of ["/themes", "/encounters/e-1?lang=fi", "/no-such-file.js"]) {
      const page = await app.request(deep);
      expect(page.status, deep).toBe(200);
      expect(page.headers.get("cache-control"), deep).toBe("no-cache");
      expect(await page.text(), deep).toBe("<title>Kohtaamo</title>");
    }
  });

  it("answers a build file that is not there (an old build's page chunk) with 404, not index.html", async () => {
    const app = appServing(build({ "qa-page-new456.js": "export {}" }));
    for (const gone of ["/assets/qa-page-old123.js", "/assets/index-old123.css", "/assets/"]) {
      const res = await app.request(gone);
      expect(res.status, gone).toBe(404);
      expect(await res.text(), gone).not.toContain("<title>Kohtaamo</title>");
    }
    expect((await app.request("/assets/qa-page-new456.js")).status).toBe(200);
  });

  it("answers a malformed path with 400, built or not", async () => {
    const built = folder();
    fs.writeFileSync(path.join(built, "index.html"), "<title>Kohtaamo</title>");
    for (const root of [folder(), built]) {
      const res = await appServing(root).request("/%A4");
      expect(res.status).toBe(400);
    }
  });
});
