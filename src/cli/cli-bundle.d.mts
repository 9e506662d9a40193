/** Types of cli-bundle.mjs (plain JavaScript: it runs before any TypeScript loader). */
export function cliBundle(root?: string, cache?: string): Promise<{ main: string; analyze: string } | null>;
