/** Types of analyze-bundle.mjs (plain JavaScript: it runs before any TypeScript loader). */
export function analyzeBundle(root?: string, cache?: string): Promise<string | null>;
