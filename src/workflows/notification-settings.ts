import type { MailLanguage } from "./case-email.ts";

/** How notifications go out (config: KOHTAAMO_PUBLIC_URL, KOHTAAMO_SMTP_URL, KOHTAAMO_MAIL_*). */
export interface NotificationSettings {
  /** The dashboard's address as users reach it, for links in webhooks and e-mails (no trailing slash). */
  publicUrl: string;
  /** SMTP connection URL; e-mail is off without one. */
  smtpUrl: string | undefined;
  /** The From address of e-mails. */
  mailFrom: string | undefined;
  /** E-mails go in this language to users who have not chosen one. */
  mailLanguage: MailLanguage;
  /** Due dates in e-mails are shown in this zone. */
  timeZone: string;
}

/** Whether e-mail is on, and if not, why (for the API's status and the start-up log). */
export function emailStatus(settings: NotificationSettings): { enabled: boolean; reason: string | null } {
  if (!settings.smtpUrl) return { enabled: false, reason: "KOHTAAMO_SMTP_URL is not set" };
  if (!settings.mailFrom) return { enabled: false, reason: "KOHTAAMO_MAIL_FROM is not set" };
  return { enabled: true, reason: null };
}

/** An absolute link to a dashboard path. */
export function dashboardLink(settings: Pick<NotificationSettings, "publicUrl">, path: string): string {
  return `${settings.publicUrl.replace(/\/+$/, "")}${path}`;
}
