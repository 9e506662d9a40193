import type { ReactNode } from "react";
import type { MessageKey } from "./i18n/en.ts";
import { EncountersPage } from "./pages/encounters-page.tsx";
import { OverviewPage } from "./pages/overview-page.tsx";
import { PlaceholderPage } from "./pages/placeholder-page.tsx";

export interface PageEntry {
  path: string;
  title: MessageKey;
  render(): ReactNode;
}

/** Every page of the navigation, in its order. A page's view replaces its placeholder here. */
export const PAGES: readonly PageEntry[] = [
  { path: "/", title: "nav.overview", render: () => <OverviewPage /> },
  { path: "/encounters", title: "nav.encounters", render: () => <EncountersPage /> },
  placeholder("/themes", "nav.themes", "/api/v1/reports/themes"),
  placeholder("/drivers", "nav.drivers", "/api/v1/reports/drivers"),
  placeholder("/teams", "nav.teams", "/api/v1/reports/exlink"),
  placeholder("/consistency", "nav.consistency", "/api/v1/reports/consistency"),
  placeholder("/import", "nav.import", "/api/openapi.json"),
];

function placeholder(path: string, title: MessageKey, api: string): PageEntry {
  return { path, title, render: () => <PlaceholderPage title={title} api={api} /> };
}

/** Pages whose view also answers for the paths below them (/encounters/<id>). */
const WITH_DETAIL = new Set(["/encounters"]);

/** The page for a path; a trailing slash is the same page. */
export function pageFor(pathname: string): PageEntry | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  return PAGES.find(
    (p) =>
      p.path === path ||
      (WITH_DETAIL.has(p.path) &&
        /^[^/]+$/.test(path.slice(p.path.length + 1)) &&
        path.startsWith(`${p.path}/`)),
  );
}
