import path from "node:path";
import { fileURLToPath } from "node:url";

/** The shipped models (models/ at the repository root). On its own so naming it loads no analysis code. */
export const MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../models");
