import { describe, expect, it } from "vitest";
import { readPullSettings, settingsText } from "./admin-pull-fields.ts";

describe("readPullSettings: the pull settings form's text to the settings the API takes", () => {
  it("turns Chatwoot's fields into settings, numbers as numbers, empty fields left out", () => {
    expect(
      readPullSettings("chatwoot", {
        base_url: " https://chat.acme.fi ",
        account_id: "7",
        requests_per_minute: "",
      }),
    ).toEqual({ settings: { base_url: "https://chat.acme.fi", account_id: 7 } });
    expect(readPullSettings("zendesk", { subdomain: "acme", requests_per_minute: "1 000" })).toEqual({
      settings: { subdomain: "acme", requests_per_minute: 1000 },
    });
  });

  it("names each field that does not fit, with why", () => {
    const read = readPullSettings("chatwoot", {
      base_url: "chat.acme.fi",
      account_id: "yksi",
      requests_per_minute: "0",
    });
    expect("problems" in read && Object.fromEntries(read.problems)).toEqual({
      base_url: { key: "admin.pull.error.url" },
      account_id: { key: "admin.pull.error.positive" },
      requests_per_minute: { key: "admin.pull.error.whole", values: { min: 1, max: 6000 } },
    });
    const zendesk = readPullSettings("zendesk", {
      subdomain: "acme",
      base_url: "https://acme.example.org",
      email: "not-an-address",
      page_size: "1001",
      start_time: "2026-01-01",
    });
    expect("problems" in zendesk && [...zendesk.problems.keys()].sort()).toEqual([
      "base_url",
      "email",
      "page_size",
      "start_time",
    ]);
    expect("problems" in zendesk && zendesk.problems.get("base_url")).toEqual({
      key: "admin.pull.error.both",
    });
  });

  it("shows saved settings as text, and fields of the other kind are not read", () => {
    expect(settingsText("chatwoot", { base_url: "https://x.example", account_id: 3 })).toEqual({
      base_url: "https://x.example",
      account_id: "3",
      requests_per_minute: "",
    });
    expect(readPullSettings("chatwoot", { subdomain: "acme" })).toEqual({ settings: {} });
  });
});
