import "./import-page.css";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { ApiError, api, apiErrorOf, jsonOf } from "../api.ts";
import type { ImportPreviewResult, ImportRunResult, ImportUpload } from "../api-types.ts";
import { apiErrorText } from "../components/import-file-errors.ts";
import { ImportPreviewPanel, type Settings } from "../components/import-preview.tsx";
import { ImportRunPanel } from "../components/import-run.tsx";
import type { MessageKey } from "../i18n/en.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import { useMe } from "../session.ts";

/** The import routes' upload limit (src/server/import-schemas.ts MAX_UPLOAD_BYTES). */
const MAX_UPLOAD_MB = 16;
const KINDS = ["responses", "encounters", "invitations", "pulse", "customers", "agents"] as const;
const FORMATS = [
  "auto",
  "csv",
  "xlsx",
  "jsonl",
  "vtt",
  "srt",
  "whisper",
  "aws-transcribe",
  "azure-speech",
] as const;
const ACCEPT = ".csv,.tsv,.txt,.xlsx,.jsonl,.ndjson,.json,.vtt,.srt";
const POLL_MS = 500;

export type Kind = (typeof KINDS)[number];

/** Import (admins and analysts): upload, preview and adjust how the file is read, import with progress, the rejected rows. */
export function ImportPage() {
  const { t } = useI18n();
  const me = useMe();
  // The route rules let only admins and analysts import: others get the reason, not a form that fails.
  if (me && me.role !== "admin" && me.role !== "analyst") {
    return (
      <>
        <div className="page-head">
          <h1>{t("import.title")}</h1>
        </div>
        <p className="card">{t("import.notAllowed")}</p>
      </>
    );
  }
  return <Importer csrfToken={me?.csrfToken ?? null} />;
}

type Stage =
  | { step: "choose" }
  | { step: "preview"; upload: ImportUpload; preview: ImportPreviewResult | null }
  | { step: "run"; run: ImportRunResult };

function Importer({ csrfToken }: { csrfToken: string | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<Kind>("responses");
  const [format, setFormat] = useState<(typeof FORMATS)[number]>("auto");
  // Read when a request is made, so that a change re-reads the upload with the new choice at once.
  const formatNow = useRef(format);
  const [stage, setStage] = useState<Stage>({ step: "choose" });
  const [settings, setSettings] = useState<Settings>({ mapping: {}, transcript: {} });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const requestNo = useRef(0);

  // A busy server says so; a file error is worded from its code (import-file-errors.ts); any other as it came.
  const failure = useCallback(
    (e: unknown) =>
      setError(
        e instanceof ApiError && e.busy
          ? i18n.t("state.busy")
          : i18n.t("import.failed", { message: apiErrorText(i18n, e) }),
      ),
    [i18n],
  );

  const body = useCallback(
    (next: Settings, nextKind: Kind) => ({
      kind: nextKind,
      format: formatNow.current,
      ...(Object.keys(next.mapping).length > 0 ? { mapping: next.mapping } : {}),
      ...(Object.values(next.transcript).some((v) => v?.trim()) ? { transcript: next.transcript } : {}),
    }),
    [],
  );

  const refresh = useCallback(
    async (upload: ImportUpload, next: Settings, nextKind: Kind) => {
      const mine = ++requestNo.current;
      setBusy(true);
      setError(null);
      try {
        const preview = await api<ImportPreviewResult>(`/imports/uploads/${upload.id}/preview`, {
          method: "POST",
          body: body(next, nextKind),
        });
        if (mine === requestNo.current) setStage({ step: "preview", upload, preview });
      } catch (e) {
        if (mine === requestNo.current) failure(e);
      } finally {
        if (mine === requestNo.current) setBusy(false);
      }
    },
    [body, failure],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    setError(null);
    if (!file) return setError(t("import.noFile"));
    if (file.size > MAX_UPLOAD_MB * 1024 * 1024) {
      return setError(
        t("import.tooLarge", { size: (file.size / 1024 / 1024).toFixed(1), mb: MAX_UPLOAD_MB }),
      );
    }
    setBusy(true);
    try {
      const upload = await uploadFile(file, csrfToken);
      const fresh: Settings = { mapping: {}, transcript: {} };
      setSettings(fresh);
      setStage({ step: "preview", upload, preview: null });
      await refresh(upload, fresh, kind);
    } catch (e) {
      if (e instanceof ApiError && e.status === 413)
        setError(t("import.tooLarge", { size: (file.size / 1024 / 1024).toFixed(1), mb: MAX_UPLOAD_MB }));
      else failure(e);
      setBusy(false);
    }
  };

  const start = async () => {
    if (stage.step !== "preview") return;
    setBusy(true);
    setError(null);
    try {
      const run = await api<ImportRunResult>(`/imports/uploads/${stage.upload.id}/runs`, {
        method: "POST",
        body: body(settings, kind),
      });
      setStage({ step: "run", run });
    } catch (e) {
      failure(e);
    } finally {
      setBusy(false);
    }
  };

  // While a run is going, its progress is polled; the final answer carries the counts and rejected rows.
  const runId = stage.step === "run" && stage.run.status === "running" ? stage.run.id : null;
  useEffect(() => {
    if (runId === null) return;
    let stopped = false;
    // One request at a time: the next poll is scheduled when the answer is in.
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const run = await api<ImportRunResult>(`/imports/runs/${runId}`);
        if (stopped) return;
        setStage({ step: "run", run });
        if (run.status === "running") timer = setTimeout(poll, POLL_MS);
      } catch (e) {
        if (!stopped) failure(e);
      }
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId, failure]);

  const reset = () => {
    setStage({ step: "choose" });
    setError(null);
    if (fileInput.current) fileInput.current.value = "";
    fileInput.current?.focus();
  };

  return (
    <>
      <div className="page-head">
        <h1>{t("import.title")}</h1>
      </div>
      <p className="muted">{t("import.intro")}</p>
      <section className="card import-step" aria-labelledby={`${id}-step1`}>
        <h2 id={`${id}-step1`}>{t("import.step1")}</h2>
        <form className="import-choose" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-file`}>{t("import.file")}</label>
            <input
              ref={fileInput}
              id={`${id}-file`}
              name="file"
              type="file"
              accept={ACCEPT}
              aria-describedby={`${id}-file-hint`}
              disabled={busy || stage.step === "run"}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t("import.kind")}</label>
            <select
              id={`${id}-kind`}
              value={kind}
              disabled={busy || stage.step === "run"}
              onChange={(e) => {
                const next = e.target.value as Kind;
                setKind(next);
                const fresh: Settings = { mapping: {}, transcript: settings.transcript };
                setSettings(fresh);
                if (stage.step === "preview") void refresh(stage.upload, fresh, next);
              }}
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`import.kind.${k}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-format`}>{t("import.format")}</label>
            <select
              id={`${id}-format`}
              value={format}
              disabled={busy || stage.step === "run"}
              onChange={(e) => {
                const next = e.target.value as (typeof FORMATS)[number];
                setFormat(next);
                formatNow.current = next;
                if (stage.step === "preview") void refresh(stage.upload, settings, kind);
              }}
            >
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f === "auto" ? t("import.formatAuto") : f.toUpperCase()}
                </option>
              ))}
            </select>
          </div>
          <div className="import-actions">
            <button
              type="submit"
              className={`button ${stage.step === "choose" ? "button-primary" : "button-secondary"}`}
              disabled={busy || stage.step === "run"}
            >
              {busy && stage.step === "choose" ? t("import.uploading") : t("import.upload")}
            </button>
          </div>
          <p id={`${id}-file-hint`} className="muted small import-hint">
            {t("import.fileHint", { mb: MAX_UPLOAD_MB })}
          </p>
        </form>
      </section>
      {error ? (
        <div className="status status-error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {stage.step === "preview" && stage.preview ? (
        <ImportPreviewPanel
          preview={stage.preview}
          settings={settings}
          busy={busy}
          onChange={(next) => {
            setSettings(next);
            void refresh(stage.upload, next, kind);
          }}
          onEdit={setSettings}
          onRefresh={() => void refresh(stage.upload, settings, kind)}
          onStart={() => void start()}
          onCancel={reset}
        />
      ) : null}
      {stage.step === "run" ? <ImportRunPanel run={stage.run} onAgain={reset} /> : null}
    </>
  );
}

/** Sends the file as the request body; the session's writes echo the CSRF token (as api.ts does). */
async function uploadFile(file: File, csrfToken: string | null): Promise<ImportUpload> {
  const headers: Record<string, string> = {
    accept: "application/json",
    "content-type": "application/octet-stream",
  };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(`/api/v1/imports/uploads?name=${encodeURIComponent(file.name)}`, {
    method: "POST",
    headers,
    body: file,
    credentials: "same-origin",
  });
  const parsed = jsonOf(await res.text());
  if (!res.ok) throw apiErrorOf(res, parsed);
  return parsed as ImportUpload;
}
