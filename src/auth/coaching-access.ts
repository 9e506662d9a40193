import { sameName } from "../domain/index.ts";
import type { Principal } from "./access-rules.ts";

/**
 * Who may see and run coaching sessions (issue 12). A session names its team and, when it is
 * about one agent, that agent; its picks are that team's (or agent's) encounters.
 */

/** Whether this user may read a session: admins and analysts all, a manager their teams', an agent those about them. */
export function canViewCoachingSession(
  user: Principal,
  session: { team: string; agent: string | null },
): boolean {
  switch (user.role) {
    case "admin":
    case "analyst":
      return true;
    case "manager":
      return user.teams.some((t) => sameName(t, session.team));
    case "agent":
      return sameName(session.agent, user.agentId);
    case "viewer":
      return false;
  }
}

/** Whether this user may create or change a session of this team: admins and analysts, and the team's managers. */
export function canRunCoachingSession(user: Principal, session: { team: string }): boolean {
  if (user.role === "admin" || user.role === "analyst") return true;
  return user.role === "manager" && user.teams.some((t) => sameName(t, session.team));
}
