import { createTransport } from "nodemailer";
import type { MailContent } from "./case-email.ts";

/** Sends one e-mail; throws when the SMTP server does not take it. */
export interface Mailer {
  send(to: string, content: MailContent): Promise<void>;
  close(): void;
}

/**
 * A mailer over SMTP (nodemailer), from a connection URL such as
 * `smtps://user:pass@mail.example.org:465` or `smtp://127.0.0.1:2525`. Timeouts are short, because
 * a delivery that does not get through is retried on the outbox's schedule anyway.
 */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = createTransport(
    { url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 },
    { from },
  );
  return {
    async send(to, content) {
      const info = await transport.sendMail({ to, subject: content.subject, text: content.text });
      if (info.rejected.length > 0) throw new Error(`the SMTP server refused the recipient`);
    },
    close: () => transport.close(),
  };
}
