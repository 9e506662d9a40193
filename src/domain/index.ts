export * from "./display-names.ts";
export * from "./errors.ts";
export * from "./file-error-codes.ts";
export * from "./problem-codes.ts";
export * from "./records.ts";
export * from "./report-dimensions.ts";
