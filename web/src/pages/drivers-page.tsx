import { PlaceholderPage } from "./placeholder-page.tsx";

/** The drivers page (being built). */
export function DriversPage() {
  return <PlaceholderPage title="nav.drivers" api="/api/v1/reports/drivers" />;
}
