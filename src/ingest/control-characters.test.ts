import { describe, expect, it } from "vitest";
import { controlCharacterProblems, controlCharacterReason } from "./control-characters.ts";

describe("control characters", () => {
  it("passes text with tabs and line breaks and names the first control character otherwise", () => {
    expect(controlCharacterReason("rivi 1\r\nrivi\t2 äö €")).toBeNull();
    expect(controlCharacterReason("ab\u0000c")).toMatch(
      /^contains a control character \(U\+0000 NUL\) at character 3/,
    );
    expect(controlCharacterReason("\u001b[31m")).toMatch(/U\+001B ESC/);
    expect(controlCharacterReason("x\u007f")).toMatch(/U\+007F DEL/);
    expect(controlCharacterReason("\u0002")).toMatch(/U\+0002\)/);
  });

  it("names every damaged string of a JSON value by its path, never quoting it", () => {
    const problems = controlCharacterProblems([{ text: "ok" }, { text: "sala\u0000inen", at: 5 }], "turns");
    expect(problems).toEqual([{ field: "turns[1].text", reason: expect.stringContaining("U+0000") }]);
    expect(JSON.stringify(problems)).not.toContain("sala");
  });
});
