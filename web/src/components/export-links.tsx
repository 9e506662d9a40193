import { useI18n } from "../i18n/i18n-context.tsx";

/**
 * "CSV" and "XLSX" download links for a list or table: the same API path and filters the view
 * shows, plus `format`. The server streams the file with the caller's access rules applied.
 */
export function ExportLinks({
  path,
  params,
  label,
}: {
  /** API path below /api/v1, e.g. "/encounters/export" or "/reports/themes/export". */
  path: string;
  params: Record<string, string | null | undefined>;
  /** What is exported, for screen readers: "the encounter list". */
  label: string;
}) {
  const { t } = useI18n();
  const href = (format: "csv" | "xlsx") => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    q.set("format", format);
    return `/api/v1${path}?${q.toString()}`;
  };
  return (
    <span className="export-links">
      <span className="export-links-label">{t("export.label")}</span>
      {(["csv", "xlsx"] as const).map((format) => (
        <a
          key={format}
          className="button button-small"
          href={href(format)}
          download
          data-format={format}
          aria-label={t("export.as", { what: label, format: format.toUpperCase() })}
        >
          {format.toUpperCase()}
        </a>
      ))}
    </span>
  );
}
