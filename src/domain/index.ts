export * from "./errors.ts";
export * from "./records.ts";
export * from "./report-dimensions.ts";
