// The file each analysis thread starts from (parallel-analyzer.ts). Plain JavaScript, because a new
// thread does not inherit the TypeScript loader: a process started with `node --import tsx` (npm
// scripts) passes it on through its flags and the import below just works; one that registered tsx
// in code (bin/kohtaamo.js, Vitest) did not, so the thread registers it and tries again.
let worker;
try {
  worker = await import("./parallel-worker.ts");
} catch (e) {
  if (e?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw e;
  const { register } = await import("tsx/esm/api");
  register();
  // Another URL: the failed import above stays cached under the first.
  worker = await import("./parallel-worker.ts?tsx");
}
export default worker.default;
