import { type FormEvent, useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n-context.tsx";
import { badFields } from "./admin-page.tsx";

/**
 * What the admin forms share: the heading focused when the form opens, "saving" while its call
 * runs, and a refusal kept to show (FormFailure) with the fields the API named in it marked.
 */
export function useAdminForm() {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  /** The form's onSubmit: no page load, then `call`; a refusal is kept instead of thrown. */
  const onSubmit = (call: () => Promise<void>) => async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await call();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, bad: badFields(error), heading, onSubmit };
}

/** The refusal of a form's last submit, in the current language. */
export function FormFailure({ error }: { error: unknown }) {
  const { t } = useI18n();
  return error ? (
    <p className="status status-error" role="alert">
      {t("admin.failed", { message: (error as Error).message })}
    </p>
  ) : null;
}
