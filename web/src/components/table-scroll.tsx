import type { ReactNode } from "react";

/**
 * The scroll box around a wide table: a named region that takes keyboard focus, so a keyboard user can
 * scroll a table wider than the screen (axe: scrollable-region-focusable). `label` names the table.
 */
export function TableScroll({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      className={className ? `table-scroll ${className}` : "table-scroll"}
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      {children}
    </section>
  );
}
