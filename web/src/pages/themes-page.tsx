import { useI18n } from "../i18n/i18n-context.tsx";
import { useLocation } from "../router.ts";
import { useMe } from "../session.ts";
import { ThemeDetail } from "./themes-detail.tsx";
import { ThemesList } from "./themes-list.tsx";

/** /themes: every theme with its figures; /themes/<id>: one theme, its trend, encounters and comments. */
export function ThemesPage() {
  const { t } = useI18n();
  const url = useLocation();
  // Agents may not read the organisation's aggregates (route rules): say where their own work is.
  if (useMe()?.role === "agent") {
    return (
      <>
        <div className="page-head">
          <h1>{t("nav.themes")}</h1>
        </div>
        <p className="card">{t("themes.agentNote")}</p>
      </>
    );
  }
  const m = /^\/themes\/([^/]+)\/?$/.exec(url.pathname);
  return m?.[1] ? <ThemeDetail id={decodeURIComponent(m[1])} /> : <ThemesList />;
}
