import type { MessageKey } from "../i18n/en.ts";
import type { Translate } from "../i18n/i18n-context.tsx";

/**
 * The channels Kohtaamo knows by id (src/domain/records.ts CHANNELS; their Finnish and English
 * aliases are stored as these ids). Any other channel is an organisation's own name.
 */
const KNOWN_CHANNELS = new Set(["phone", "chat", "email", "bot", "self_service", "visit", "social"]);

/** A channel's name in the current language: "Omapalvelu" for self_service; a custom channel as stored. */
export function channelName(id: string | null | undefined, t: Translate): string {
  if (!id) return "–";
  return KNOWN_CHANNELS.has(id) ? t(`channel.${id}` as MessageKey) : id;
}
