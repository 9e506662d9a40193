import type { OidcClient } from "../auth/oidc.ts";
import type { IngestPipeline } from "../ingest/ingest-pipeline.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { Store } from "../store/index.ts";

/** What every router needs: the store, the time zone of naive dates, and the ingest pipeline (redaction and analysis). */
export interface ServerContext {
  store: Store;
  timeZone: string;
  pipeline: IngestPipeline;
  /** Single sign-on, when configured (KOHTAAMO_OIDC_*); discovered once at start. */
  oidc?: OidcClient | null;
  /** Reverse proxies whose X-Forwarded-For names the client, for login throttling (KOHTAAMO_TRUSTED_PROXIES). */
  trustedProxies?: readonly string[];
  /** One-click sign-in to the demo accounts while they exist; false when started with --no-demo. */
  demoSignIn?: boolean;
  /** The privacy floor of reports (default: KOHTAAMO_MIN_GROUP from the configuration). */
  minGroup?: number;
  /**
   * Registers what is to be done when the server stops (`kohtaamo start` runs them at SIGTERM/SIGINT):
   * deleting this machine's temporary copies of uploaded files. Absent (tests): nothing is registered.
   */
  atStop?: (stop: () => Promise<void>) => void;
  /** The job queue background work is enqueued on (`kohtaamo start`); absent: it runs in this process. */
  jobs?: JobQueue | null;
  /** Seals integration secrets (auth/secret-box.ts); absent: from KOHTAAMO_SECRET_KEY or the data dir's key file. */
  secretKey?: Uint8Array;
}
