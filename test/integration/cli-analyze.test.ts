import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

describe("kohtaamo analyze", () => {
  it("answers every input line in order, with an error line for malformed input, and goes on", async () => {
    const input = [
      JSON.stringify({ id: "a", text: "Laskussa on virhe ja jonotin tunnin, olen tosi pettynyt." }),
      "{not json",
      JSON.stringify({ id: "b", text: "Thanks, the refund arrived quickly!", lang: "en" }),
      JSON.stringify({ id: "c" }),
      JSON.stringify({
        id: 7,
        turns: [
          { speaker: "customer", text: "Netti ei toimi taaskaan, soitan jo kolmatta kertaa!" },
          { speaker: "agent", text: "Pahoittelen, korjaan vian nyt ja soitan teille huomenna takaisin." },
          { speaker: "customer", text: "Kiitos, hienoa että asia etenee." },
        ],
      }),
      JSON.stringify({ id: "d", turns: [{ speaker: "robot", text: "x" }] }),
    ].join("\n");
    const r = await runCli(["analyze", "-"], {}, `${input}\n`);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.id)).toEqual(["a", 2, "b", "c", 7, "d"]);

    const a = out[0] as { lang: string; tone: { label: string; score: number }; themes: { id: string }[] };
    expect(a.lang).toBe("fi");
    expect(a.tone.label).toBe("negative");
    expect(a.tone.score).toBeLessThan(0);
    expect(out[1]?.error).toMatch(/line 2/);
    expect((out[2] as { tone: { label: string } }).tone.label).toBe("positive");
    expect(out[3]?.error).toMatch(/text|turns/);
    expect(out[5]?.error).toMatch(/speaker/);

    const call = out[4] as {
      turns: { tone: { label: string } }[];
      arc: { trajectory: string };
      moments: { turn: number; kind: string }[];
      emotions: { id: string; score: number }[];
      pii: unknown[];
    };
    expect(call.turns).toHaveLength(3);
    expect(call.arc.trajectory).toBe("recovered");
    expect(call.moments).toContainEqual({ turn: 2, kind: "end" });
    expect(call.emotions.map((e) => e.id)).toContain("frustration");
    expect(call.pii).toEqual([]);
  });

  it("takes lines without an id and plain-text lines, the line number being the id, and answers empty lines", async () => {
    const input = [
      JSON.stringify({ text: "Laskussa on virhe ja jonotin tunnin, olen tosi pettynyt." }),
      "Thanks, the refund arrived quickly!",
      "",
      JSON.stringify({ id: null, turns: [{ speaker: "customer", text: "Kiitos avusta!" }] }),
      "   ",
      "[not an object] but words",
    ].join("\n");
    const r = await runCli(["analyze"], {}, `${input}\n`);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: unknown; lang?: string; tone?: { label: string }; error?: string });
    expect(out.map((o) => o.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(out[0]).toMatchObject({ lang: "fi", tone: { label: "negative" } });
    expect(out[1]).toMatchObject({ lang: "en", tone: { label: "positive" } });
    expect(out[1]?.error).toBeUndefined();
    expect(out[2]?.error).toBe("line 3: empty line, nothing to analyse");
    expect(out[3]).toMatchObject({ lang: "fi", turns: [expect.anything()] });
    expect(out[4]?.error).toMatch(/line 5: empty line/);
    expect(out[5]).toMatchObject({ lang: "en" });
    expect(out[5]?.error).toBeUndefined();
  });

  it("redacts personal data in its output", async () => {
    const r = await runCli(
      ["analyze"],
      {},
      `${JSON.stringify({ id: 1, text: "Henkilötunnukseni on 131052-308T." })}\n`,
    );
    const out = JSON.parse(r.stdout.trim()) as { redacted: string; pii: { kind: string }[] };
    expect(out.redacted).toBe("Henkilötunnukseni on [HETU].");
    expect(out.pii.map((p) => p.kind)).toEqual(["hetu"]);
  });

  it("names a file it cannot read, once", async () => {
    const r = await runCli(["analyze", "/nonexistent/input.jsonl"], {});
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
  });

  it("lists the sentences of a long e-mail with their text, tone and themes, without the signature", async () => {
    const email = [
      "Hei,",
      "",
      "Tilasin teiltä uuden puhelimen kaksi viikkoa sitten, mutta paketti saapui vasta eilen.",
      "Kukaan ei ilmoittanut minulle viivästyksestä, vaikka soitin asiakaspalveluun kahdesti.",
      "Lisäksi minulta veloitettiin toimitusmaksu kahteen kertaan.",
      "Puhelin itse toimii hyvin, mutta tilaaminen oli tällä kertaa todella hankalaa.",
      "Pyydän, että palautatte ylimääräisen maksun tililleni mahdollisimman pian.",
      "",
      "Ystävällisin terveisin",
      "Maija Meikäläinen",
    ].join("\n");
    const r = await runCli(["analyze"], {}, `${JSON.stringify({ id: "mail", text: email })}\n`);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim()) as {
      tone: { label: string };
      sentences: {
        text: string;
        start: number;
        end: number;
        tone: { label: string };
        themes: { id: string }[];
      }[];
      redacted: string;
    };
    expect(out.sentences.map((s) => s.text)).toEqual([
      "Hei,",
      "Tilasin teiltä uuden puhelimen kaksi viikkoa sitten, mutta paketti saapui vasta eilen.",
      "Kukaan ei ilmoittanut minulle viivästyksestä, vaikka soitin asiakaspalveluun kahdesti.",
      "Lisäksi minulta veloitettiin toimitusmaksu kahteen kertaan.",
      "Puhelin itse toimii hyvin, mutta tilaaminen oli tällä kertaa todella hankalaa.",
      "Pyydän, että palautatte ylimääräisen maksun tililleni mahdollisimman pian.",
    ]);
    for (const s of out.sentences) expect(out.redacted.slice(s.start, s.end)).toBe(s.text);
    expect(out.sentences[3]?.text).toMatch(/kahteen kertaan/);
    expect(out.sentences[3]?.tone.label).toBe("negative");
    expect(out.tone.label).toBe("negative");
  });

  it("reads an HTML e-mail as its text: the same answer as the plain e-mail, the quoted reply left out", async () => {
    const paragraphs = [
      "Tilasin teiltä uuden puhelimen kaksi viikkoa sitten, mutta paketti saapui vasta eilen.",
      "Kukaan ei ilmoittanut minulle viivästyksestä, vaikka soitin asiakaspalveluun kahdesti.",
      "Lisäksi minulta veloitettiin toimitusmaksu kahteen kertaan.",
      "Puhelin itse toimii hyvin, mutta tilaaminen oli tällä kertaa todella hankalaa.",
      "Pyydän, että palautatte ylimääräisen maksun tililleni mahdollisimman pian.",
    ];
    const plain = ["Hei,", "", ...paragraphs, "", "Ystävällisin terveisin", "Maija Meikäläinen"].join("\n");
    const html =
      `<div><p>Hei,</p>${paragraphs.map((p) => `<p>${p}</p>`).join("")}` +
      "<p>Ystävällisin terveisin<br>Maija Meikäläinen</p>" +
      "<blockquote>Kiitos tilauksestasi! Olemme iloisia, että valitsit meidät.</blockquote></div>";
    const lines = [
      JSON.stringify({ id: "plain", text: plain }),
      JSON.stringify({ id: "html", text: html }),
      JSON.stringify({ id: "call", turns: [{ speaker: "customer", text: html }] }),
      html,
    ];
    const r = await runCli(["analyze"], {}, `${lines.join("\n")}\n`);
    expect(r.code, r.stderr).toBe(0);
    type Answer = { id: unknown; tone: { label: string }; sentences: { text: string }[]; redacted: string };
    const [p, h, call, line] = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l)) as [
      Answer,
      Answer,
      { turns: { redacted: string; sentences: { text: string }[] }[] },
      Answer,
    ];
    expect(p.sentences).toHaveLength(6);
    expect(h.redacted).not.toMatch(/<\/?(div|p|br|blockquote)\b/);
    expect(h.redacted).toContain("\n> Kiitos tilauksestasi!");
    expect(h.sentences.map((s) => s.text)).toEqual(p.sentences.map((s) => s.text));
    expect(h.tone).toEqual(p.tone);
    expect(call.turns[0]?.sentences.map((s) => s.text)).toEqual(p.sentences.map((s) => s.text));
    expect(line.sentences.map((s) => s.text)).toEqual(p.sentences.map((s) => s.text));
  });
});
