import type { ReactNode } from "react";
import type { Role } from "./api-types.ts";
import { lazyPage } from "./components/lazy-page.tsx";
import type { MessageKey } from "./i18n/en.ts";
import { PAGE_ROLES } from "./page-roles.ts";

export interface PageEntry {
  path: string;
  title: MessageKey;
  /** The roles the navigation shows it to (page-roles.ts); absent: everyone. */
  roles?: readonly Role[];
  render(): ReactNode;
  /** Starts fetching the page's code (lazy-page.tsx), before it is shown. */
  preload?(): void;
}

/**
 * Every page of the navigation, in its order. A page's view replaces its placeholder here. Each page
 * is a chunk of its own, fetched when it is first shown (lazy-page.tsx): a first visit loads the code
 * of the page it opens, not of every page. The sign-in page and "not found" come with app.tsx.
 */
export const PAGES: readonly PageEntry[] = [
  {
    path: "/",
    title: "nav.overview",
    ...lazyPage(() => import("./pages/overview-page.tsx").then((m) => m.OverviewPage)),
  },
  {
    path: "/encounters",
    title: "nav.encounters",
    roles: PAGE_ROLES.customerText,
    ...lazyPage(() => import("./pages/encounters-page.tsx").then((m) => m.EncountersPage)),
  },
  {
    path: "/themes",
    title: "nav.themes",
    roles: PAGE_ROLES.aggregates,
    ...lazyPage(() => import("./pages/themes-page.tsx").then((m) => m.ThemesPage)),
  },
  {
    path: "/drivers",
    title: "nav.drivers",
    roles: PAGE_ROLES.aggregates,
    ...lazyPage(() => import("./pages/drivers-page.tsx").then((m) => m.DriversPage)),
  },
  {
    path: "/teams",
    title: "nav.teams",
    roles: PAGE_ROLES.aggregates,
    ...lazyPage(() => import("./pages/teams-page.tsx").then((m) => m.TeamsPage)),
  },
  {
    path: "/consistency",
    title: "nav.consistency",
    roles: PAGE_ROLES.aggregates,
    ...lazyPage(() => import("./pages/consistency-page.tsx").then((m) => m.ConsistencyPage)),
  },
  {
    path: "/cases",
    title: "nav.cases",
    roles: PAGE_ROLES.handleCases,
    ...lazyPage(() => import("./pages/cases-page.tsx").then((m) => m.CasesPage)),
  },
  {
    path: "/coaching",
    title: "nav.coaching",
    roles: PAGE_ROLES.readCoaching,
    ...lazyPage(() => import("./pages/coaching-page.tsx").then((m) => m.CoachingPage)),
  },
  {
    path: "/qa",
    title: "nav.qa",
    roles: PAGE_ROLES.readQuality,
    ...lazyPage(() => import("./pages/qa-page.tsx").then((m) => m.QaPage)),
  },
  {
    path: "/initiatives",
    title: "nav.initiatives",
    roles: PAGE_ROLES.readInitiatives,
    ...lazyPage(() => import("./pages/initiatives-page.tsx").then((m) => m.InitiativesPage)),
  },
  {
    path: "/import",
    title: "nav.import",
    roles: PAGE_ROLES.writeRecords,
    ...lazyPage(() => import("./pages/import-page.tsx").then((m) => m.ImportPage)),
  },
  {
    path: "/admin",
    title: "nav.admin",
    roles: PAGE_ROLES.manageUsers,
    ...lazyPage(() => import("./pages/admin-page.tsx").then((m) => m.AdminPage)),
  },
];

/** Pages outside the navigation, reached by a link: the printable management report (from the Overview), the taxonomy editor (from Themes). */
const LINKED_PAGES: readonly PageEntry[] = [
  {
    path: "/report",
    title: "report.title",
    ...lazyPage(() => import("./pages/management-report-page.tsx").then((m) => m.ManagementReportPage)),
  },
  {
    path: "/taxonomy",
    title: "taxonomy.title",
    ...lazyPage(() => import("./pages/taxonomy-page.tsx").then((m) => m.TaxonomyPage)),
  },
];

/** Pages whose view also answers for the paths below them (/encounters/<id>). */
const WITH_DETAIL = new Set(["/encounters", "/themes"]);

/** The page for a path; a trailing slash is the same page. */
export function pageFor(pathname: string): PageEntry | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  return [...PAGES, ...LINKED_PAGES].find(
    (p) =>
      p.path === path ||
      (WITH_DETAIL.has(p.path) &&
        /^[^/]+$/.test(path.slice(p.path.length + 1)) &&
        path.startsWith(`${p.path}/`)),
  );
}

/**
 * Starts fetching the code of the page at `pathname`, if any: main.tsx calls it for the address the app
 * opens at, so the page's chunk (and what it fetches at once, such as the overview's chart) arrives while
 * the app still checks the session, not after it.
 */
export function preloadPage(pathname: string): void {
  pageFor(pathname)?.preload?.();
}
