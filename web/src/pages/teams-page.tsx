import { PlaceholderPage } from "./placeholder-page.tsx";

/** The teams page (being built). */
export function TeamsPage() {
  return <PlaceholderPage title="nav.teams" api="/api/v1/reports/exlink" />;
}
