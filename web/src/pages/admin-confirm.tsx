import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n-context.tsx";

/**
 * What the admin tables share: the confirmation asked in a row before something is removed (the
 * question, yes, and cancel — focused first, so Enter does not remove by accident), and a row
 * action's state (busy while it runs; its failure, shown above the table in the current language).
 */
export function ConfirmInRow({
  question,
  yes,
  busy = false,
  onYes,
  onNo,
}: {
  question: string;
  yes: string;
  busy?: boolean;
  onYes: () => void;
  onNo: () => void;
}) {
  const { t } = useI18n();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <fieldset className="admin-confirm">
      <legend>{question}</legend>
      <span className="admin-actions">
        <button type="button" className="button button-small button-danger" disabled={busy} onClick={onYes}>
          {yes}
        </button>
        <button ref={cancel} type="button" className="button button-small" onClick={onNo}>
          {t("admin.cancel")}
        </button>
      </span>
    </fieldset>
  );
}

export function useRowAction(): {
  busy: boolean;
  failure: string | null;
  /** Runs the API call, then `after` (reload, notice); a refusal becomes the failure shown. */
  run: (action: () => Promise<unknown>, after: () => Promise<void>) => Promise<void>;
  /** Forgets the last failure (a new action is being asked for). */
  clear: () => void;
} {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>, after: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      await after();
    } catch (error) {
      setFailure(t("admin.failed", { message: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, run, clear: () => setFailure(null) };
}

/** The failure of a row action, above its table. */
export function RowActionFailure({ failure }: { failure: string | null }) {
  return failure ? (
    <p className="status status-error" role="alert">
      {failure}
    </p>
  ) : null;
}
