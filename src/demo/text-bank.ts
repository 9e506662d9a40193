import { EN_COMMENTS } from "./comment-bank-en.ts";
import { FI_COMMENTS } from "./comment-bank-fi.ts";
import { EN_COMMON } from "./text-bank-en-common.ts";
import { EN_THEMES_A } from "./text-bank-en-themes-a.ts";
import { EN_THEMES_B } from "./text-bank-en-themes-b.ts";
import { FI_COMMON } from "./text-bank-fi-common.ts";
import { FI_THEMES_A } from "./text-bank-fi-themes-a.ts";
import { FI_THEMES_B } from "./text-bank-fi-themes-b.ts";
import type { Language, LanguageBank } from "./text-types.ts";

/** Both languages' banks; the `satisfies` checks that every encounter theme has lines in both. */
export const BANKS: Record<Language, LanguageBank> = {
  fi: { common: FI_COMMON, themes: { ...FI_THEMES_A, ...FI_THEMES_B }, comments: FI_COMMENTS },
  en: { common: EN_COMMON, themes: { ...EN_THEMES_A, ...EN_THEMES_B }, comments: EN_COMMENTS },
};
