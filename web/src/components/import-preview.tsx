import { useId } from "react";
import type { ImportPreviewResult } from "../api-types.ts";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { fileErrorText } from "./import-file-errors.ts";
import { problemsText } from "./import-reasons.ts";
import { TableScroll } from "./table-scroll.tsx";

/** What the user has adjusted: column → field ("" ignores it), and a transcript's call details. */
export interface Settings {
  mapping: Record<string, string>;
  transcript: Partial<Record<TranscriptField, string>>;
}

const TRANSCRIPT_FIELDS = [
  "id",
  "started_at",
  "channel",
  "team",
  "agent",
  "customer_id",
  "speakers",
] as const;
type TranscriptField = (typeof TRANSCRIPT_FIELDS)[number];

const DELIMITERS: Record<string, MessageKey> = {
  ";": "import.delimiter.semicolon",
  ",": "import.delimiter.comma",
  "\t": "import.delimiter.tab",
  "|": "import.delimiter.pipe",
};

interface Props {
  preview: ImportPreviewResult;
  settings: Settings;
  busy: boolean;
  /** A change that re-reads the preview at once (the mapping). */
  onChange(settings: Settings): void;
  /** A change kept until the user asks for a new preview (typed call details). */
  onEdit(settings: Settings): void;
  onRefresh(): void;
  onStart(): void;
  onCancel(): void;
}

/** How the server will read the uploaded file: what it detected, the column mapping (adjustable) and the first rows. */
export function ImportPreviewPanel({
  preview,
  settings,
  busy,
  onChange,
  onEdit,
  onRefresh,
  onStart,
  onCancel,
}: Props) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const id = useId();
  const transcript = !["csv", "xlsx", "jsonl"].includes(preview.format);
  const rejected = preview.sample.filter((s) => !s.ok);
  const required = new Set(preview.required);
  const ready = preview.problem === null && preview.sample.length > 0;

  const setField = (header: string, field: string) =>
    onChange({ ...settings, mapping: { ...settings.mapping, [header]: field } });

  return (
    <section className="card import-step" aria-labelledby={`${id}-title`} aria-busy={busy}>
      <h2 id={`${id}-title`}>{t("import.step2")}</h2>
      <p className="import-file-name">
        <strong>{preview.upload.name}</strong>
        <span className="muted"> · {num(preview.upload.bytes / 1024, 1)} kB</span>
      </p>
      <dl className="import-detected" aria-label={t("import.detected")}>
        <div>
          <dt>{t("import.detectedFormat")}</dt>
          <dd>{preview.format.toUpperCase()}</dd>
        </div>
        {preview.encoding ? (
          <div>
            <dt>{t("import.encoding")}</dt>
            <dd>
              {preview.encoding.toUpperCase()}
              {preview.hadBom ? ` (${t("import.bom")})` : ""}
            </dd>
          </div>
        ) : null}
        {preview.delimiter ? (
          <div>
            <dt>{t("import.delimiter")}</dt>
            <dd>
              {DELIMITERS[preview.delimiter]
                ? t(DELIMITERS[preview.delimiter] as MessageKey)
                : preview.delimiter}
            </dd>
          </div>
        ) : null}
      </dl>

      {preview.columns.length > 0 ? (
        <>
          <h3 id={`${id}-mapping`}>{t("import.mapping")}</h3>
          <p className="muted small">{t("import.mappingHint")}</p>
          <div className="table-scroll">
            <table className="table compact import-mapping" aria-labelledby={`${id}-mapping`}>
              <thead>
                <tr>
                  <th scope="col">{t("import.column")}</th>
                  <th scope="col">{t("import.field")}</th>
                  <th scope="col">{t("import.status")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.columns.map((c, index) => {
                  const selectId = `${id}-col-${index}`;
                  const value = settings.mapping[c.header] ?? c.field ?? "";
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a header may repeat; its place is its identity
                    <tr key={`${index}-${c.header}`}>
                      <th scope="row">
                        <label htmlFor={selectId}>{c.header || "–"}</label>
                      </th>
                      <td>
                        <select
                          id={selectId}
                          value={value}
                          disabled={busy}
                          onChange={(e) => setField(c.header, e.target.value)}
                        >
                          <option value="">{t("import.ignore")}</option>
                          {/* A field the file's own shape gives (an encounter line's "turns"), not a column's. */}
                          {value && !preview.fields.includes(value) ? (
                            <option value={value}>{value}</option>
                          ) : null}
                          {preview.fields.map((f) => (
                            <option key={f} value={f}>
                              {required.has(f) ? `${f} *` : f}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className={c.status === "mapped" ? "" : "muted"}>
                        {t(`import.status.${c.status}` as MessageKey)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {transcript ? (
        <fieldset className="import-transcript">
          <legend>{t("import.transcript")}</legend>
          <p className="muted small">{t("import.transcriptHint")}</p>
          <div className="import-transcript-fields">
            {TRANSCRIPT_FIELDS.map((f) => (
              <div className="field" key={f}>
                <label htmlFor={`${id}-t-${f}`}>{t(`import.t.${f}` as MessageKey)}</label>
                <input
                  id={`${id}-t-${f}`}
                  type="text"
                  value={settings.transcript[f] ?? ""}
                  onChange={(e) =>
                    onEdit({ ...settings, transcript: { ...settings.transcript, [f]: e.target.value } })
                  }
                />
              </div>
            ))}
          </div>
          <button type="button" className="button button-secondary" onClick={onRefresh} disabled={busy}>
            {t("import.refresh")}
          </button>
        </fieldset>
      ) : null}

      {preview.missingRequired.length > 0 ? (
        <p className="status status-error">
          {t("import.missing", { fields: preview.missingRequired.join(", ") })}
        </p>
      ) : preview.problem ? (
        <p className="status status-error">
          {t("import.problem", {
            reason: fileErrorText(i18n, {
              message: preview.problem,
              code: preview.problemCode,
              params: preview.problemParams,
            }),
          })}
        </p>
      ) : null}

      {preview.sample.length > 0 ? (
        <>
          <h3>{t("import.sample")}</h3>
          <p>
            {t("import.sampleSummary", {
              rows: num(preview.sample.length, 0),
              ok: num(preview.sample.length - rejected.length, 0),
              rejected: num(rejected.length, 0),
            })}
          </p>
          {rejected.length > 0 ? (
            <TableScroll label={t("import.sample")}>
              <table className="table compact">
                <caption className="visually-hidden">{t("import.sample")}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t("import.line")}
                    </th>
                    <th scope="col">{t("import.reasons")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rejected.map((s) => (
                    <tr key={s.line}>
                      <td className="num">{num(s.line, 0)}</td>
                      <td>{problemsText(i18n, { reason: "", problems: s.problems })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
        </>
      ) : null}

      <div className="import-actions">
        <button type="button" className="button button-primary" onClick={onStart} disabled={busy || !ready}>
          {t("import.start")}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t("import.cancel")}
        </button>
      </div>
    </section>
  );
}
