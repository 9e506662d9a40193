// The file the import's reading thread starts from (source-thread.ts). Plain JavaScript for the same
// reason as analysis/parallel-worker-entry.mjs: a new thread does not inherit a TypeScript loader that
// was registered in code (bin/kohtaamo.js, Vitest), so it registers tsx itself when it must.
try {
  await import("./source-thread-worker.ts");
} catch (e) {
  if (e?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw e;
  const { register } = await import("tsx/esm/api");
  register();
  // Another URL: the failed import above stays cached under the first.
  await import("./source-thread-worker.ts?tsx");
}
