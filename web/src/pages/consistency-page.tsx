import { PlaceholderPage } from "./placeholder-page.tsx";

/** The consistency page (being built). */
export function ConsistencyPage() {
  return <PlaceholderPage title="nav.consistency" api="/api/v1/reports/consistency" />;
}
