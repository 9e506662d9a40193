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
    // One file of ~250 KB gzipped (React and the tree-shaken ECharts): within the first-page budget.
    chunkSizeWarningLimit: 1000,
  },
});
