import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { sql } from "kysely";
import { KohtaamoError } from "../domain/index.ts";
import { adminRoutes } from "./admin-routes.ts";
import { analysisStatusRoutes } from "./analysis-status-routes.ts";
import { authenticate } from "./auth-middleware.ts";
import { authRoutes } from "./auth-routes.ts";
import { caseKpiRoutes } from "./case-kpi-routes.ts";
import { caseRoutes } from "./case-routes.ts";
import { coachingRoutes } from "./coaching-routes.ts";
import { type ErrorLog, errorHandler, notFound, wellFormedUrl } from "./error-handler.ts";
import { hookRoutes } from "./hook-routes.ts";
import { importRoutes } from "./import-routes.ts";
import { initiativeEffectRoutes } from "./initiative-effect-routes.ts";
import { initiativeRoutes } from "./initiative-routes.ts";
import { integrationRoutes } from "./integration-routes.ts";
import { type NotificationRoutesContext, notificationRoutes } from "./notification-routes.ts";
import { oidcRoutes } from "./oidc-routes.ts";
import { qaCalibrationRoutes } from "./qa-calibration-routes.ts";
import { qaReportRoutes } from "./qa-report-routes.ts";
import { qaRoutes } from "./qa-routes.ts";
import { recordRoutes } from "./record-routes.ts";
import { reportExportRoutes } from "./report-export-routes.ts";
import { reportRoutes } from "./report-routes.ts";
import type { ServerContext } from "./server-context.ts";
import { followWorkspaceThemeNames, taxonomyRoutes } from "./taxonomy-routes.ts";
import { userAdminRoutes } from "./user-admin-routes.ts";
import { mountWebAssets } from "./web-assets.ts";
import { webhookRoutes } from "./webhook-routes.ts";

export interface AppOptions extends ServerContext {
  /** Until this returns true, /health answers 503 "starting" (e.g. while the demo loads). */
  isReady?: () => boolean;
  /** Where unexpected failures are logged, one line each with the request id (default: stderr). */
  logError?: ErrorLog;
  /** Notification settings (config): the public URL for links, whether e-mail is on. */
  notifications?: NotificationRoutesContext["notifications"];
}

/** 1,000 encounters of a few dozen turns fit well within this. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export function createApp(options: AppOptions): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) {
        const problems = result.error.issues.map((i) => ({
          field: i.path.join(".") || "(body)",
          reason: i.message,
        }));
        throw new KohtaamoError(
          "bad_request",
          `invalid request: ${problems.map((p) => `${p.field}: ${p.reason}`).join("; ")}`,
          { problems },
        );
      }
    },
  });
  // First, so that every answer — errors included — carries X-Request-Id.
  app.use("*", requestId({ limitLength: 128 }));
  app.use("*", secureHeaders());
  app.use("*", wellFormedUrl());
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new KohtaamoError("payload_too_large", `request body over ${MAX_BODY_BYTES / 1024 / 1024} MB`);
      },
    }),
  );
  app.onError(errorHandler(options.logError));
  app.notFound(notFound);

  app.get("/health", (c) =>
    options.isReady && !options.isReady()
      ? c.json({ status: "starting" }, 503)
      : c.json({ status: "ok" }, 200),
  );
  // Readiness for a load balancer or orchestrator: started, and the database answers (within 2 s).
  // /health stays a liveness check that never touches the database (docs/deployment.md).
  app.get("/health/ready", async (c) => {
    if (options.isReady && !options.isReady()) return c.json({ status: "starting" }, 503);
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 2000).unref());
    const reached = await Promise.race([
      sql`select 1`
        .execute(options.store.db)
        .then(() => true)
        .catch(() => false),
      timeout,
    ]);
    return reached
      ? c.json({ status: "ok", database: "ok" }, 200)
      : c.json({ status: "unavailable", database: "unreachable" }, 503);
  });
  // Every /api/v1 route is born protected: the middleware applies its rule (route-rules.ts).
  app.use("/api/v1/*", authenticate(options.store));
  app.use("/api/v1/*", followWorkspaceThemeNames(options.store));
  app.route("/api/v1", authRoutes(options));
  app.route("/api/v1", oidcRoutes(options));
  app.route("/api/v1", recordRoutes(options));
  app.route("/api/v1", reportRoutes(options));
  app.route("/api/v1", reportExportRoutes(options));
  app.route("/api/v1", adminRoutes(options));
  app.route("/api/v1", taxonomyRoutes(options));
  app.route("/api/v1", analysisStatusRoutes(options));
  app.route("/api/v1", importRoutes(options));
  app.route("/api/v1", userAdminRoutes(options));
  app.route("/api/v1", caseKpiRoutes(options));
  app.route("/api/v1", caseRoutes(options));
  app.route("/api/v1", initiativeEffectRoutes(options));
  app.route("/api/v1", initiativeRoutes(options));
  app.route("/api/v1", coachingRoutes(options));
  app.route("/api/v1", webhookRoutes(options));
  app.route("/api/v1", notificationRoutes(options));
  app.route("/api/v1", integrationRoutes(options));
  app.route("/api/v1", hookRoutes(options));
  app.route("/api/v1", qaRoutes(options));
  app.route("/api/v1", qaReportRoutes(options));
  app.route("/api/v1", qaCalibrationRoutes(options));
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Kohtaamo API",
      version: "0.1.0",
      description:
        "Customer encounters, survey answers and employee pulse, with metrics that carry their uncertainty.",
      license: { name: "Apache-2.0", url: "https://www.apache.org/licenses/LICENSE-2.0" },
    },
  });
  mountWebAssets(app);
  return app;
}
