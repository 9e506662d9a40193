import { describe, expect, it } from "vitest";
import { caseOpenedEmail } from "./case-email.ts";

const payload = {
  case_id: "c1",
  rule: "nps_detractor" as const,
  source: { kind: "response" as const, id: "r1" },
  team: "Asiakaspalvelu Tampere",
  owner_id: "u1",
  status: "new" as const,
  due_at: "2026-03-04T10:00:00.000Z",
  path: "/cases?case=c1",
};

describe("case-opened e-mail", () => {
  it("names the team, the rule, the due time in the workspace zone and the link, in Finnish", () => {
    const mail = caseOpenedEmail(payload, {
      language: "fi",
      timeZone: "Europe/Helsinki",
      link: "https://cx.example.org/cases?case=c1",
    });
    expect(mail.subject).toBe("Uusi seurantatapaus: Asiakaspalvelu Tampere – NPS-arvio 0–6");
    expect(mail.text).toContain("Tiimi: Asiakaspalvelu Tampere");
    expect(mail.text).toContain("12.00"); // 10:00 UTC is 12:00 in Helsinki in March
    expect(mail.text).toContain("https://cx.example.org/cases?case=c1");
  });

  it("says so when the case was given to them", () => {
    const mail = caseOpenedEmail(payload, { language: "en", timeZone: "UTC", link: "http://x", given: true });
    expect(mail.subject).toBe("A follow-up case was given to you: Asiakaspalvelu Tampere – NPS score 0–6");
    expect(mail.text.split("\n")[0]).toBe("A follow-up case was given to you to handle.");
  });

  it("and in English", () => {
    const mail = caseOpenedEmail(payload, {
      language: "en",
      timeZone: "UTC",
      link: "http://x/cases?case=c1",
    });
    expect(mail.subject).toBe("New follow-up case: Asiakaspalvelu Tampere – NPS score 0–6");
    expect(mail.text).toContain("Contact the customer by: 4 Mar 2026, 10:00 (UTC)");
  });
});
