import { PlaceholderPage } from "./placeholder-page.tsx";

/** The import page (being built). */
export function ImportPage() {
  return <PlaceholderPage title="nav.import" api="/api/openapi.json" />;
}
