import { describe, expect, it } from "vitest";
import { controlCharacterProblems, controlCharacterReason } from "./control-characters.ts";

describe("control characters", () => {
  it("passes text with tabs and line breaks and names the first control character otherwise", () => {
    expect(controlCharacterReason("rivi 1\r\nrivi\t2 äö €")).toBeNull();
    expect(controlCharacterReason("ab\u0000c")).toEqual({
      reason: expect.stringMatching(/^contains a control character \(U\+0000 NUL\) at character 3/),
      code: "control_character",
      params: { char: "U+0000", name: "NUL", position: "3" },
    });
    expect(controlCharacterReason("\u001b[31m")?.reason).toMatch(/U\+001B ESC/);
    expect(controlCharacterReason("x\u007f")?.reason).toMatch(/U\+007F DEL/);
    expect(controlCharacterReason("\u0002")?.reason).toMatch(/U\+0002\)/);
    expect(controlCharacterReason("\u0002")?.params).toEqual({ char: "U+0002", name: "", position: "1" });
  });

  it("names every damaged string of a JSON value by its path, never quoting it", () => {
    const problems = controlCharacterProblems([{ text: "ok" }, { text: "sala\u0000inen", at: 5 }], "turns");
    expect(problems).toMatchObject([
      { field: "turns[1].text", reason: expect.stringContaining("U+0000"), code: "control_character" },
    ]);
    expect(JSON.stringify(problems)).not.toContain("sala");
  });
});
