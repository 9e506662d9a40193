import type { ReactNode } from "react";
import { Empty } from "../components/status.tsx";
import { TableScroll } from "../components/table-scroll.tsx";
import { useI18n } from "../i18n/i18n-context.tsx";
import { ConfirmInRow, RowActionFailure } from "./admin-confirm.tsx";

/** One column of an admin table: its header and what a row shows in it. */
export interface AdminColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** The cell's class (nowrap, admin-url). */
  className?: string;
}

/** A question asked in the row before a destructive action (remove, revoke, delete). */
export interface RowConfirmation<T> {
  /** The key of the row asking, or null. */
  row: string | null;
  question: (row: T) => string;
  yes: string;
  busy: boolean;
  onYes: (row: T) => void;
  onNo: () => void;
}

/**
 * The table of every admin tab (users, tokens, webhooks, integrations): the failure of the last row
 * action above it, a scroll box named like its caption, column headers, the first column as the
 * row header, a last column of row actions (replaced by the confirmation question while one is
 * asked), and the empty state instead of a table without rows.
 */
export function AdminTable<T>({
  caption,
  empty,
  rows,
  rowKey,
  rowHeader,
  columns,
  actions,
  actionsHeader,
  confirm,
  failure = null,
  inactive,
}: {
  /** Names the table and its scroll region, e.g. "Users (5)". */
  caption: string;
  /** Shown instead of the table when there are no rows. */
  empty: string;
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The first column, a row header: what names the row. */
  rowHeader: AdminColumn<T> & { className?: string };
  columns: readonly AdminColumn<T>[];
  /** The row's action buttons; null for none. */
  actions?: (row: T) => ReactNode;
  /** The actions column's header: visually hidden unless `visible`. */
  actionsHeader?: { text: string; visible?: boolean };
  confirm?: RowConfirmation<T>;
  failure?: string | null;
  /** Rows shown muted (switched off, revoked, expired). */
  inactive?: (row: T) => boolean;
}) {
  const { t } = useI18n();
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  const header = actionsHeader ?? { text: t("admin.users.actions") };
  return (
    <>
      <RowActionFailure failure={failure} />
      <TableScroll label={caption}>
        <table className="table admin-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader.header}</th>
              {columns.map((c) => (
                <th scope="col" key={c.header}>
                  {c.header}
                </th>
              ))}
              {actions ? (
                <th scope="col">
                  {header.visible ? header.text : <span className="visually-hidden">{header.text}</span>}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const key = rowKey(row);
              return (
                <tr key={key} className={inactive?.(row) ? "admin-inactive" : undefined}>
                  <th scope="row" className={rowHeader.className}>
                    {rowHeader.cell(row)}
                  </th>
                  {columns.map((c) => (
                    <td key={c.header} className={c.className}>
                      {c.cell(row)}
                    </td>
                  ))}
                  {actions ? (
                    <td>
                      {confirm && confirm.row === key ? (
                        <ConfirmInRow
                          question={confirm.question(row)}
                          yes={confirm.yes}
                          busy={confirm.busy}
                          onYes={() => confirm.onYes(row)}
                          onNo={confirm.onNo}
                        />
                      ) : (
                        actions(row)
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/**
 * The row actions of a source or endpoint that can be switched off (webhooks, integrations): the
 * caller's own buttons first (details), then switch on/off and delete (which asks in the row).
 */
export function SwitchAndDelete({
  enabled,
  text,
  onSwitch,
  onDelete,
  children,
}: {
  enabled: boolean;
  /** The visible words and the accessible names, which name the row. */
  text: { switchOn: string; switchOff: string; switchLabel: string; delete: string; deleteLabel: string };
  onSwitch: () => void;
  onDelete: () => void;
  children?: ReactNode;
}) {
  return (
    <span className="admin-actions">
      {children}
      <button type="button" className="button button-small" aria-label={text.switchLabel} onClick={onSwitch}>
        {enabled ? text.switchOff : text.switchOn}
      </button>
      <button
        type="button"
        className="button button-small button-danger"
        aria-label={text.deleteLabel}
        onClick={onDelete}
      >
        {text.delete}
      </button>
    </span>
  );
}
