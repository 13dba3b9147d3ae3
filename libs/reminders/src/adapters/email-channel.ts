import nodemailer, { type Transporter } from 'nodemailer';
import type { ReminderMessage } from '../domain/message';
import type { ReminderChannel } from './channels';

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** Refuse to send unless the server upgrades to TLS. */
  requireTls: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Per-message limit, so a slow server cannot hold a delivery for long. */
  timeoutMs: number;
}

/** E-mail through the council's SMTP relay (nodemailer). */
export class EmailChannel implements ReminderChannel {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly config: SmtpConfig) {
    this.transport = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure,
      requireTLS: config.requireTls,
      auth: config.user === undefined ? undefined : { user: config.user, pass: config.password ?? '' },
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
    });
  }

  async send(to: string, message: ReminderMessage, deliveryId: string): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.config.from,
      to,
      subject: message.subject,
      text: message.text,
      headers: { 'X-Trustworks-Reminder': message.key, 'X-Trustworks-Delivery': deliveryId },
    });
    return String(info.response ?? info.messageId);
  }

  close(): void {
    this.transport.close();
  }
}
