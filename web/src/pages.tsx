import type { ReactNode } from "react";
import type { Role } from "./api-types.ts";
import type { MessageKey } from "./i18n/en.ts";
import { PAGE_ROLES } from "./page-roles.ts";
import { AdminPage } from "./pages/admin-page.tsx";
import { CasesPage } from "./pages/cases-page.tsx";
import { CoachingPage } from "./pages/coaching-page.tsx";
import { ConsistencyPage } from "./pages/consistency-page.tsx";
import { DriversPage } from "./pages/drivers-page.tsx";
import { EncountersPage } from "./pages/encounters-page.tsx";
import { ImportPage } from "./pages/import-page.tsx";
import { InitiativesPage } from "./pages/initiatives-page.tsx";
import { ManagementReportPage } from "./pages/management-report-page.tsx";
import { OverviewPage } from "./pages/overview-page.tsx";
import { QaPage } from "./pages/qa-page.tsx";
import { TaxonomyPage } from "./pages/taxonomy-page.tsx";
import { TeamsPage } from "./pages/teams-page.tsx";
import { ThemesPage } from "./pages/themes-page.tsx";

export interface PageEntry {
  path: string;
  title: MessageKey;
  /** The roles the navigation shows it to (page-roles.ts); absent: everyone. */
  roles?: readonly Role[];
  render(): ReactNode;
}

/** Every page of the navigation, in its order. A page's view replaces its placeholder here. */
export const PAGES: readonly PageEntry[] = [
  { path: "/", title: "nav.overview", render: () => <OverviewPage /> },
  {
    path: "/encounters",
    title: "nav.encounters",
    roles: PAGE_ROLES.customerText,
    render: () => <EncountersPage />,
  },
  { path: "/themes", title: "nav.themes", roles: PAGE_ROLES.aggregates, render: () => <ThemesPage /> },
  { path: "/drivers", title: "nav.drivers", roles: PAGE_ROLES.aggregates, render: () => <DriversPage /> },
  { path: "/teams", title: "nav.teams", roles: PAGE_ROLES.aggregates, render: () => <TeamsPage /> },
  {
    path: "/consistency",
    title: "nav.consistency",
    roles: PAGE_ROLES.aggregates,
    render: () => <ConsistencyPage />,
  },
  { path: "/cases", title: "nav.cases", roles: PAGE_ROLES.handleCases, render: () => <CasesPage /> },
  {
    path: "/coaching",
    title: "nav.coaching",
    roles: PAGE_ROLES.readCoaching,
    render: () => <CoachingPage />,
  },
  { path: "/qa", title: "nav.qa", roles: PAGE_ROLES.readQuality, render: () => <QaPage /> },
  {
    path: "/initiatives",
    title: "nav.initiatives",
    roles: PAGE_ROLES.readInitiatives,
    render: () => <InitiativesPage />,
  },
  { path: "/import", title: "nav.import", roles: PAGE_ROLES.writeRecords, render: () => <ImportPage /> },
  { path: "/admin", title: "nav.admin", roles: PAGE_ROLES.manageUsers, render: () => <AdminPage /> },
];

/** Pages outside the navigation, reached by a link: the printable management report (from the Overview), the taxonomy editor (from Themes). */
const LINKED_PAGES: readonly PageEntry[] = [
  { path: "/report", title: "report.title", render: () => <ManagementReportPage /> },
  { path: "/taxonomy", title: "taxonomy.title", render: () => <TaxonomyPage /> },
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
