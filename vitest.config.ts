import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "src/**/*.test.ts",
      "test/**/*.test.ts",
      "training/**/*.test.ts",
      "evaluation/**/*.test.ts",
      "web/**/*.test.{ts,tsx}",
    ],
    exclude: ["**/node_modules/**", "web/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
