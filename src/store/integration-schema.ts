import type { Database } from "./schema.ts";

/** Tables of migrations 0017 and 0023 (inbound integrations). Timestamps are ISO text and booleans 0/1, as elsewhere. */

/** A source that sends records in: Formbricks, Chatwoot, Zendesk or a signed generic webhook. */
export interface IntegrationTable {
  id: string;
  kind: string;
  name: string;
  /** The signing secret sealed with AES-256-GCM (auth/secret-box.ts); null while none is set. */
  secret_sealed: string | null;
  /** JSON object: which vendor field feeds which Kohtaamo field. */
  mapping: string;
  /** JSON object: switches such as allow_unsigned. */
  settings: string;
  enabled: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  last_delivery_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  /** The last error's stable code (migration 0023), e.g. pull.vendor_status; null when none or before 0023. */
  last_error_code: string | null;
  /** JSON object: the code's parameters (the vendor, an HTTP status, a field), never payload text. */
  last_error_params: string | null;
}

/** One delivery taken in, keyed by the vendor's delivery id: a redelivery finds its row and stores nothing. */
export interface IntegrationDeliveryTable {
  integration_id: string;
  delivery_id: string;
  event: string;
  received_at: string;
  /** What came of it: stored, updated, unchanged, ignored (with the reason), or processing. */
  outcome: string;
  /** JSON {stream: {new, updated, unchanged, rejected}} of a finished delivery or pull (migration 0023). */
  counts: string | null;
  /** An ignored delivery's reason code (ingest/sources/ignore-reasons.ts) and JSON parameters (migration 0027). */
  code: string | null;
  params: string | null;
}

export type IntegrationDatabase = Database & {
  integrations: IntegrationTable;
  integration_deliveries: IntegrationDeliveryTable;
};
