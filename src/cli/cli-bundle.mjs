// Every `kohtaamo` command without the TypeScript loader at run time (bin/kohtaamo.js). Through tsx,
// every module goes through tsx's resolve and load hooks, which run on a thread of their own, and
// each analysis thread starts its own tsx: that was 0.6 s of CPU per process and ~1.5 s per thread
// before a text was read (more than the analysis threads gained on two cores), and ~0.7 s of every
// command's start (`kohtaamo --help` 1.5 s -> 0.85 s, a small import 1.9 s -> 1.2 s; the test suite
// starts the CLI a few hundred times). Here src/cli/main.ts, the lean src/cli/analyze-main.ts and the
// analysis threads' entry are bundled once with esbuild (which tsx runs on anyway) into one set of
// plain modules (shared chunks) under node_modules/.cache/kohtaamo/, and run from there while no
// file of them has changed.
//
// It stays the code in src/: the bundle is used only while every file it was built from is as it was
// built from: the same size and modification time (one stat each at start, a few ms), or else the
// same content (read and hashed, ~50 ms on a busy machine: a checkout that touched the files without
// changing them); otherwise it is built again (~0.5 s). Plain JavaScript: it runs before any loader.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Bumped when the build below changes in a way the hashed inputs do not show. */
const FORMAT = "cli-bundle-2";

/**
 * The URLs of the bundled src/cli/main.ts (`main`) and src/cli/analyze-main.ts (`analyze`), built
 * now if there is none for the files as they are; null when it cannot be (no esbuild, a read-only
 * checkout, a file esbuild cannot read): the caller then runs the sources through tsx as before,
 * which also reports any error in them. `root` is the checkout whose src/ is bundled, `cache` where
 * bundles are kept (tests give others).
 */
export async function cliBundle(root = ROOT, cache = path.join(root, "node_modules", ".cache", "kohtaamo")) {
  const at = { root, cache, manifest: path.join(cache, "manifest-cli.json") };
  try {
    return fresh(at) ?? (await build(at));
  } catch {
    return null;
  }
}

/** Hash of the files a bundle was built from, with what else decides its content. */
function keyOf(root, files) {
  const hash = createHash("sha256").update(FORMAT).update("\0").update(root);
  for (const [file, content] of files) hash.update("\0").update(file).update("\0").update(content);
  return hash.digest("hex");
}

function fresh({ root, cache, manifest: at }) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(at, "utf8"));
  } catch {
    return null;
  }
  try {
    if (!sameStats(root, manifest)) {
      const files = manifest.inputs.map((file) => [file, fs.readFileSync(path.join(root, file))]);
      if (keyOf(root, files) !== manifest.key) return null;
    }
  } catch {
    return null; // a file of it is gone: build again
  }
  const entries = entriesOf(path.join(cache, manifest.dir));
  return Object.values(entries).every((url) => fs.existsSync(new URL(url))) ? entries : null;
}

async function build({ root, cache, manifest: at }) {
  // esbuild is tsx's own dependency: resolved from tsx, so it is the one tsx runs on.
  const esbuild = createRequire(fileURLToPath(import.meta.resolve("tsx/esm/api")))("esbuild");
  fs.mkdirSync(cache, { recursive: true });
  // A directory of its own per build: a process still running an older bundle (its threads load a
  // module of it later) keeps its files, and two builds at once do not write into one another.
  const dir = `cli-${Date.now().toString(36)}-${process.pid}`;
  const out = path.join(cache, dir);
  /** The content each source was bundled with, as read for the bundle. */
  const read = new Map();
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      main: "src/cli/main.ts",
      "analyze-main": "src/cli/analyze-main.ts",
      // parallel-analyzer.ts starts its threads on this one when KOHTAAMO_THREAD_BUNDLE says so.
      "parallel-worker": "src/analysis/parallel-worker.ts",
    },
    outdir: out,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Packages are loaded by Node from node_modules as usual; only our sources are bundled.
    packages: "external",
    define: {
      KOHTAAMO_THREAD_BUNDLE: JSON.stringify(pathToFileURL(path.join(out, "parallel-worker.mjs")).href),
    },
    sourcemap: true,
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        name: "source-urls",
        setup(b) {
          // import.meta.url stays the source file's URL, so paths made from it (models/, the
          // stemmer's require) are the same as when the sources run through tsx.
          b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
            const content = fs.readFileSync(args.path, "utf8");
            read.set(path.relative(root, args.path), content);
            const url = JSON.stringify(pathToFileURL(args.path).href);
            return {
              contents: content.replaceAll("import.meta.url", url),
              loader: path.extname(args.path).slice(1).replace(/^[cm]/, ""),
            };
          });
        },
      },
    ],
  });
  const inputs = Object.keys(result.metafile.inputs).sort();
  const files = inputs.map((file) => [file, read.get(file) ?? fs.readFileSync(path.join(root, file))]);
  // The bundler is an input too: a change here builds again.
  const self = fileURLToPath(import.meta.url);
  files.push([path.relative(root, self), fs.readFileSync(self)]);
  const manifest = {
    key: keyOf(root, files),
    dir,
    inputs: files.map(([file]) => file),
    stats: files.map(([file]) => statOf(root, file)),
  };
  const tmp = `${at}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(manifest));
  fs.renameSync(tmp, at);
  removeOldBuilds(cache, dir);
  return entriesOf(out);
}

/** A file's size and modification time, as the manifest keeps them. */
function statOf(root, file) {
  const st = fs.statSync(path.join(root, file));
  return `${st.size}:${st.mtimeMs}`;
}

/** Whether every input has the size and modification time it had when the bundle was built. */
function sameStats(root, manifest) {
  return (
    Array.isArray(manifest.stats) &&
    manifest.stats.length === manifest.inputs.length &&
    manifest.inputs.every((file, i) => statOf(root, file) === manifest.stats[i])
  );
}

/** The command entries of the bundle in `dir`. */
function entriesOf(dir) {
  return {
    main: pathToFileURL(path.join(dir, "main.mjs")).href,
    analyze: pathToFileURL(path.join(dir, "analyze-main.mjs")).href,
  };
}

/** Earlier builds, once no process can still be starting threads from them (an hour old). */
function removeOldBuilds(cache, keep) {
  for (const name of fs.readdirSync(cache)) {
    // analyze-*: the builds of the analyze-only bundle this one replaced.
    if (!(name.startsWith("cli-") || name.startsWith("analyze-")) || name === keep) continue;
    const full = path.join(cache, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > 3_600_000)
        fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Another build removed it first.
    }
  }
}
