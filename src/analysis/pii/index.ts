/** PII redaction for Finnish and English customer-service text: see pii-redactor.ts. */
export { detectAddresses } from "./address-detector.ts";
export { detectCards, isCardNumber } from "./card-detector.ts";
export { detectEmails } from "./email-detector.ts";
export { detectHetus, isHetu } from "./hetu-detector.ts";
export { detectIbans, ibanChecksumValid } from "./iban-detector.ts";
export { detectPhones } from "./phone-detector.ts";
export { PII_KINDS, PII_PLACEHOLDERS, type PiiKind, type PiiMatch, type Redaction } from "./pii-kinds.ts";
export { type RedactOptions, redact } from "./pii-redactor.ts";
