import { describe, expect, it } from "vitest";
import { htmlToText, isHtml } from "./html-text.ts";

describe("htmlToText: HTML bodies stored as the text a reader sees", () => {
  it("keeps a mail client's paragraphs and line breaks, and marks a quoted reply as quoted", () => {
    const body =
      '<div dir="ltr"><p>Hei,</p><p>Laskussani on virhe: minulta on veloitettu kahteen kertaan &amp; ' +
      "kukaan ei vastaa.</p><p>Ystävällisin terveisin<br>Maija Virtanen</p>" +
      "<blockquote>Kiitos viestistänne, palaamme asiaan.</blockquote></div>";
    expect(htmlToText(body)).toBe(
      [
        "Hei,",
        "",
        "Laskussani on virhe: minulta on veloitettu kahteen kertaan & kukaan ei vastaa.",
        "",
        "Ystävällisin terveisin",
        "Maija Virtanen",
        "",
        "> Kiitos viestistänne, palaamme asiaan.",
      ].join("\n"),
    );
  });

  it("keeps a link's words without its address and leaves out images, styles and scripts", () => {
    const body =
      "<html><head><style>p { color: red }</style></head><body>" +
      '<p>Maksu ei onnistu <a href="https://example.com/pay?id=1">tällä sivulla</a>.</p>' +
      '<img src="cid:logo"><script>track()</script><h2>Tilaus 123</h2></body></html>';
    expect(htmlToText(body)).toBe("Maksu ei onnistu tällä sivulla.\n\nTilaus 123");
  });

  it("does not re-wrap long lines", () => {
    const sentence = `${"Odotin vastausta teiltä jo kolme viikkoa ".repeat(5).trim()}.`;
    expect(htmlToText(`<p>${sentence}</p>`)).toBe(sentence);
  });

  it("leaves text that is not HTML as written: hearts, comparisons, one tag mentioned", () => {
    for (const text of [
      "Kiitos avusta <3",
      "Hinta < 20 € olisi ok, > 30 € liikaa",
      "The <div> on your order page covers the pay button.",
      "Line one\n\nLine two &amp; three",
    ]) {
      expect(isHtml(text)).toBe(false);
      expect(htmlToText(text)).toBe(text);
    }
  });

  it("reads a body that starts with a tag, or has two body tags, as HTML", () => {
    expect(isHtml("<p>Hei</p>")).toBe(true);
    expect(isHtml("  <!DOCTYPE html><html><body>Hei</body></html>")).toBe(true);
    expect(isHtml("Hei,<br>lasku on väärin.<br>Terveisin Matti")).toBe(true);
    expect(htmlToText("Hei,<br>lasku on väärin.<br>Terveisin Matti")).toBe(
      "Hei,\nlasku on väärin.\nTerveisin Matti",
    );
  });

  it("reads an Outlook body: its empty paragraphs as blank lines, its reply header as lines of its own", () => {
    const body =
      '<html><head><style><!-- p.MsoNormal {margin:0cm;} --></style><!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" /></xml><![endif]--></head>' +
      '<body lang="FI"><div class="WordSection1"><p class="MsoNormal">Hei,<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>' +
      '<p class="MsoNormal">Yhteys on katkeillut lähes päivittäin.<o:p></o:p></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p>' +
      '<p class="MsoNormal">Terveisin<o:p></o:p></p><p class="MsoNormal">Liisa<o:p></o:p></p>' +
      '<div style="border-top:solid #E1E1E1 1.0pt"><p class="MsoNormal"><b>Lähettäjä:</b> Asiakaspalvelu &lt;asiakaspalvelu@example.fi&gt;<br>' +
      '<b>Aihe:</b> Tiketti 12345<o:p></o:p></p></div><p class="MsoNormal">Kiitos yhteydenotostanne!<o:p></o:p></p></div></body></html>';
    expect(htmlToText(body)).toBe(
      [
        "Hei,",
        "",
        "Yhteys on katkeillut lähes päivittäin.",
        "",
        "Terveisin",
        "",
        "Liisa",
        "",
        "Lähettäjä: Asiakaspalvelu <asiakaspalvelu@example.fi>",
        "Aihe: Tiketti 12345",
        "",
        "Kiitos yhteydenotostanne!",
      ].join("\n"),
    );
  });

  it("gives an empty text for a body of markup alone", () => {
    expect(htmlToText("<p><br></p><div>&nbsp;</div>")).toBe("");
  });
});
