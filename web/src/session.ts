import { createContext, useContext } from "react";
import type { Me } from "./api-types.ts";

/** The signed-in user, for pages that show or ask for less by role (the API decides; pages only follow). */
export const SessionContext = createContext<Me | null>(null);

export function useMe(): Me | null {
  return useContext(SessionContext);
}
