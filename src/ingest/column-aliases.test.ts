import { describe, expect, it } from "vitest";
import { KohtaamoError } from "../domain/index.ts";
import { resolveColumns, resolveField } from "./column-aliases.ts";

describe("resolveColumns", () => {
  it("understands Finnish spreadsheet headers for responses", () => {
    const header = [
      "Vastaus ID",
      "Päivämäärä",
      "Tyyppi",
      "Pisteet",
      "Avoin palaute",
      "Kanava",
      "Tiimi",
      "Asiakasnumero",
    ];
    const resolved = resolveColumns("responses", header);
    expect(resolved.columns).toEqual([
      "id",
      "answered_at",
      "kind",
      "score",
      "comment",
      "channel",
      "team",
      "customer_id",
    ]);
    expect(resolved.missingRequired).toEqual([]);
    expect(resolved.unknown).toEqual([]);
  });

  it("reports unknown columns and missing required fields", () => {
    const resolved = resolveColumns("responses", ["id", "Sää", "score"]);
    expect(resolved.unknown).toEqual(["Sää"]);
    expect(resolved.missingRequired).toEqual(["answered_at", "kind"]);
  });

  it("lets an exact canonical name win over an alias of the same field", () => {
    const resolved = resolveColumns("responses", ["pvm", "answered_at", "id", "kind", "score"]);
    expect(resolved.columns).toEqual([null, "answered_at", "id", "kind", "score"]);
    expect(resolved.duplicates).toEqual([{ header: "pvm", field: "answered_at" }]);
  });

  it("maps encounter, pulse, customer and agent aliases", () => {
    expect(resolveField("encounters", "Kontakti_ID")).toBe("encounter_id");
    expect(resolveField("encounters", "Tiketti")).toBe("encounter_id");
    expect(resolveField("encounters", "Puhuja")).toBe("speaker");
    expect(resolveField("encounters", "Viesti")).toBe("text");
    expect(resolveField("encounters", "Jonotusaika")).toBe("wait_seconds");
    expect(resolveField("encounters", "Siirrot")).toBe("transfers");
    expect(resolveField("encounters", "Ratkaistu")).toBe("resolved");
    expect(resolveField("pulse", "Kuukausi")).toBe("period");
    expect(resolveField("customers", "Segmentti")).toBe("segment");
    expect(resolveField("customers", "Vuosiarvo (EUR)")).toBe("yearly_value_eur");
    expect(resolveField("agents", "tiimi")).toBe("team");
    expect(resolveField("responses", "NPS")).toBe("score");
    expect(resolveField("responses", "vapaa sana")).toBe("comment");
    expect(resolveField("responses", "Vastausaika")).toBe("answered_at");
  });

  it("applies an explicit mapping before aliases; '' ignores a column", () => {
    const resolved = resolveColumns("responses", ["Ref", "When", "Type", "Grade", "Kommentti"], {
      Ref: "id",
      when: "answered_at",
      Type: "kind",
      Grade: "score",
      Kommentti: "",
    });
    expect(resolved.columns).toEqual(["id", "answered_at", "kind", "score", null]);
    expect(resolved.unknown).toEqual([]);
  });

  it("rejects a mapping to a field that does not exist, naming it", () => {
    const attempt = () => resolveColumns("responses", ["Grade"], { Grade: "scroe" });
    expect(attempt).toThrow(KohtaamoError);
    expect(attempt).toThrow(/"scroe", which is not a field of responses/);
  });

  it("rejects two columns mapped to one field", () => {
    expect(() => resolveColumns("responses", ["a", "b"], { a: "score", b: "score" })).toThrow(
      /both "a" and "b" are mapped to "score"/,
    );
  });
});
