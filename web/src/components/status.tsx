import { ApiError } from "../api.ts";
import { useI18n } from "../i18n/i18n-context.tsx";
import type { Loaded } from "../use-api.ts";

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="status status-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {t("state.loading")}
    </p>
  );
}

export function ErrorState({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useI18n();
  const message =
    error instanceof ApiError && error.status === 403
      ? t("state.forbidden")
      : error instanceof ApiError && error.busy
        ? t("state.busy")
        : t("state.error", { message: error.message });
  return (
    <div className="status status-error" role="alert">
      <p>{message}</p>
      {error instanceof ApiError && error.requestId ? (
        <p className="muted small">ID {error.requestId}</p>
      ) : null}
      {retry ? (
        <button type="button" className="button button-secondary" onClick={retry}>
          {t("state.retry")}
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children?: string }) {
  const { t } = useI18n();
  return <p className="status status-empty">{children ?? t("state.empty")}</p>;
}

export function Suppressed() {
  const { t } = useI18n();
  return <p className="status status-suppressed">{t("state.suppressed")}</p>;
}

/** Under a list: how many of its rows are below the privacy floor (nothing when none are). */
export function HiddenRows({ count }: { count: number }) {
  const { t } = useI18n();
  return count > 0 ? <p className="small status-suppressed">{t("state.someHidden", { count })}</p> : null;
}

/** Renders the loading and error states of a request, and `children(data)` once it is in. */
export function Await<T>({
  loaded,
  children,
}: {
  loaded: Loaded<T>;
  children: (data: T) => React.ReactNode;
}) {
  if (loaded.state === "loading") return <Loading />;
  if (loaded.state === "error") return <ErrorState error={loaded.error} retry={loaded.retry} />;
  return <>{children(loaded.data)}</>;
}

/**
 * The error beside a form field, read out when it appears; the field points at it with
 * aria-describedby and aria-invalid. `field` names the field for tests (data-field-error).
 */
export function FieldError({
  id,
  text,
  field,
  testId,
}: {
  id: string;
  text: string | null | undefined;
  field?: string;
  testId?: string;
}) {
  if (!text) return null;
  return (
    <p
      id={id}
      className="status status-error field-error"
      role="alert"
      {...(field ? { "data-field-error": field } : {})}
      {...(testId ? { "data-testid": testId } : {})}
    >
      {text}
    </p>
  );
}
