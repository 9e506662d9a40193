import { useLocation } from "../router.ts";
import { EncounterView } from "./encounter-detail.tsx";
import { EncounterList } from "./encounter-list.tsx";

/** /encounters: the filterable list; /encounters/<id>: one encounter read with its analysis. */
export function EncountersPage() {
  const url = useLocation();
  const m = /^\/encounters\/([^/]+)\/?$/.exec(url.pathname);
  return m?.[1] ? <EncounterView id={decodeURIComponent(m[1])} /> : <EncounterList />;
}
