import type { ReactNode } from "react";
import { useMe } from "../session.ts";

/**
 * A page of the organisation's figures. Agents may not read them (route rules), so an agent gets the
 * page's title and a note saying where their own work is, instead of a screen of refusals. The page
 * itself is a render function, so none of its requests start for an agent.
 */
export function OrganisationOnly({
  title,
  note,
  children,
}: {
  title: string;
  note: string;
  children: () => ReactNode;
}) {
  if (useMe()?.role === "agent") {
    return (
      <>
        <div className="page-head">
          <h1>{title}</h1>
        </div>
        <p className="card">{note}</p>
      </>
    );
  }
  return <>{children()}</>;
}
