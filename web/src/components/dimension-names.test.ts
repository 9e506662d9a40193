import { describe, expect, it } from "vitest";
import { CHANNELS } from "../../../src/domain/records.ts";
import { en, type MessageKey } from "../i18n/en.ts";
import { fi } from "../i18n/fi.ts";
import { channelName } from "./dimension-names.ts";

const translate = (dictionary: Record<MessageKey, string>) => (key: MessageKey) => dictionary[key];

describe("channel names", () => {
  it("names every channel the importer knows, in both languages", () => {
    for (const id of CHANNELS) {
      expect(channelName(id, translate(fi)), id).not.toBe(id);
      expect(channelName(id, translate(en)), id).not.toBe(id);
    }
    expect(channelName("self_service", translate(fi))).toBe("Omapalvelu");
    expect(channelName("self_service", translate(en))).toBe("Self-service");
  });

  it("shows an organisation's own channel as stored, and a missing one as a dash", () => {
    expect(channelName("Kauppa Oulu", translate(fi))).toBe("Kauppa Oulu");
    expect(channelName(null, translate(en))).toBe("–");
  });
});
