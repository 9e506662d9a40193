import { z } from "@hono/zod-openapi";

/** The wire shapes of the taxonomy and reanalysis routes (taxonomy-routes.ts); the dashboard imports their types. */
const LocalName = z.object({ fi: z.string().max(200), en: z.string().max(200) });
const Words = z.array(z.string().max(2000)).max(1000);
const PerLanguage = z.object({ fi: Words, en: Words });

export const TaxonomyTheme = z
  .object({
    id: z.string().max(100),
    group: z.string(),
    name: LocalName,
    description: z.string().max(2000).optional(),
    patterns: PerLanguage.openapi({
      description: "word patterns: words separated by spaces, `*` at a word's start or end (lasku*, *maksu*)",
    }),
    examples: PerLanguage,
  })
  .openapi("TaxonomyTheme");

export const TaxonomyBody = z
  .object({
    source: z.enum(["workspace", "default"]).openapi({
      description: "workspace: edited and saved here; default: models/taxonomy.json",
    }),
    version: z.string(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    groups: z.array(z.object({ id: z.string(), name: LocalName })),
    themes: z.array(TaxonomyTheme),
  })
  .openapi("Taxonomy");

/** PUT: every theme of the taxonomy (ids fixed; groups are not edited here). */
export const TaxonomyUpdate = z
  .object({ themes: z.array(TaxonomyTheme.omit({ group: true })).max(500) })
  .openapi("TaxonomyUpdate");

export const ReanalysisBody = z
  .object({
    state: z.enum(["idle", "running", "done", "failed", "interrupted"]).openapi({
      description: "interrupted: the process running it stopped; a new start resumes it",
    }),
    done: z.number().int(),
    total: z.number().int(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
    analyzerVersion: z.string().nullable(),
    startedBy: z.string().nullable(),
  })
  .openapi("Reanalysis");

/** One problem of a refused PUT (the 400's details.problems): `code` for a translated message, `reason` in English. */
export const TaxonomyProblem = z
  .object({
    code: z.string(),
    theme: z.string(),
    lang: z.enum(["fi", "en"]).optional(),
    pattern: z.string().optional(),
    reason: z.string(),
  })
  .openapi("TaxonomyProblem");

export type TaxonomyProblemBody = z.infer<typeof TaxonomyProblem>;
export type TaxonomyBody = z.infer<typeof TaxonomyBody>;
export type TaxonomyThemeBody = z.infer<typeof TaxonomyTheme>;
export type TaxonomyUpdateBody = z.input<typeof TaxonomyUpdate>;
export type ReanalysisBody = z.infer<typeof ReanalysisBody>;
