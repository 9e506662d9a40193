import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * Every module a file asks for (static, re-export, dynamic and require), with whether only types
 * are imported. Read with the TypeScript parser so that multi-line and type-only imports count.
 */
function importsOf(
  file: string,
  text = fs.readFileSync(file, "utf8"),
): { from: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { from: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const namedAllTypes =
        clause?.namedBindings !== undefined &&
        ts.isNamedImports(clause.namedBindings) &&
        clause.name === undefined &&
        clause.namedBindings.elements.every((e) => e.isTypeOnly);
      found.push({ from: node.moduleSpecifier.text, typeOnly: Boolean(clause?.isTypeOnly || namedAllTypes) });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ from: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === "require"))
    ) {
      const arg = node.arguments[0];
      found.push({ from: arg && ts.isStringLiteral(arg) ? arg.text : "(computed)", typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * What a migration may depend on: kysely, the types of the dialect interface, and other files of
 * this folder. Anything else is live code that can change after databases have run the migration.
 */
function allowed(imp: { from: string; typeOnly: boolean }): boolean {
  if (imp.from === "kysely") return true;
  if (imp.from === "../dialects/store-dialect.ts") return imp.typeOnly;
  return imp.from.startsWith("./") && !imp.from.slice(2).includes("/");
}

describe("migrations are frozen", () => {
  const files = fs
    .readdirSync(HERE)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .sort();

  it("finds the migrations and reads their imports", () => {
    expect(files).toContain("0002-analysis-facts.ts");
    expect(importsOf(path.join(HERE, "0002-analysis-facts.ts"))).toEqual([
      { from: "kysely", typeOnly: false },
      { from: "../dialects/store-dialect.ts", typeOnly: true },
    ]);
  });

  it("import nothing but kysely, the dialect interface's types and each other", () => {
    const offending = files.flatMap((f) =>
      importsOf(path.join(HERE, f))
        .filter((imp) => !allowed(imp))
        .map((imp) => `${f}: ${imp.typeOnly ? "type " : ""}${imp.from}`),
    );
    expect(offending).toEqual([]);
  });

  it("would catch live code, a value import of the dialect and a dynamic import", () => {
    expect(allowed({ from: "../analysis-facts.ts", typeOnly: false })).toBe(false);
    expect(allowed({ from: "../analysis-facts.ts", typeOnly: true })).toBe(false);
    expect(allowed({ from: "../dialects/store-dialect.ts", typeOnly: false })).toBe(false);
    expect(allowed({ from: "./0001-initial.ts", typeOnly: false })).toBe(true);
    expect(allowed({ from: "./../schema.ts", typeOnly: true })).toBe(false);
    const probe =
      'import {\n  analysisFacts,\n} from "../analysis-facts.ts";\nexport * from "../schema.ts";\nconst m = await import("../store.ts");\n';
    expect(importsOf("probe.ts", probe).map((i) => i.from)).toEqual([
      "../analysis-facts.ts",
      "../schema.ts",
      "../store.ts",
    ]);
  });
});
