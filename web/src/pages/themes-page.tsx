import { PlaceholderPage } from "./placeholder-page.tsx";

/** The themes page (being built). */
export function ThemesPage() {
  return <PlaceholderPage title="nav.themes" api="/api/v1/reports/themes" />;
}
