import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";

/** A page whose view is still being built: says so, and where its figures already are. */
export function PlaceholderPage({ title, api }: { title: MessageKey; api: string }) {
  const { t } = useI18n();
  const [before, after] = t("placeholder.body", { link: "\u0000" }).split("\u0000");
  return (
    <>
      <div className="page-head">
        <h1>{t(title)}</h1>
      </div>
      <div className="card">
        <p>
          {before}
          <a href={api}>{api}</a>
          {after}
        </p>
      </div>
    </>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <div className="page-head">
        <h1>{t("notFound.title")}</h1>
      </div>
      <div className="card">
        <p>{t("notFound.body")}</p>
        <p>
          <a href="/">{t("notFound.home")}</a>
        </p>
      </div>
    </>
  );
}
