/** Public surface of the demo-workspace generator (used by the CLI `demo` command and seeding). */
export {
  DEFAULT_DEMO_OPTIONS,
  type DemoLabels,
  type DemoOptions,
  type DemoWorkspace,
  type EncounterLabel,
  generateDemo,
  generateDemoWithLabels,
} from "./generate-demo.ts";
export { type DemoInitiative, demoInitiatives } from "./initiatives.ts";
export type { ResponseLabel } from "./surveys.ts";
export type { Language } from "./text-types.ts";
export { THEME_IDS, type ThemeId } from "./themes.ts";
export { type DemoTruths, demoTruthsJson } from "./truths.ts";
