import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));

/** The dashboard's build: everything bundled into web/dist, nothing fetched from elsewhere at run time. */
export default defineConfig({
  root: here,
  base: "/",
  plugins: [react()],
  logLevel: "warn",
  // `npx vite --config web/vite.config.ts`: live reload, with the API of a running `npm start`.
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
  build: {
    outDir: path.join(here, "dist"),
    emptyOutDir: true,
    target: "es2022",
    // Split by page (pages.tsx: each page a lazily loaded chunk) with Rolldown's automatic chunking.
    // The first file is React, the app's frame, the sign-in page and the texts: ~125 KB gzipped, all
    // the sign-in page loads. The tree-shaken ECharts is a chunk of its own (~190 KB gzipped), loaded
    // only by the pages that draw a chart; the overview's trend is one, so the overview loads ~320 KB
    // gzipped in all (bench/dashboard.ts: the first page's budget is 400 KB). What pages share is in
    // small shared chunks. ECharts (~570 KB minified) is over Vite's default warning limit of 500 KB.
    chunkSizeWarningLimit: 1000,
  },
});
