import { createHmac } from 'node:crypto';
import type { Clock } from '@trustworks/platform';
import type { ReminderMessage } from '../domain/message';
import type { ReminderChannel } from './channels';

export const SIGNATURE_HEADER = 'x-trustworks-signature';

/**
 * The signature a receiver checks: HMAC-SHA256 over `<timestamp>.<body>` with the shared secret,
 * sent as `t=<unix seconds>,v1=<hex>`. The timestamp lets a receiver refuse old replays.
 */
export function signature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** A JSON POST per reminder, signed; the reminder key is the receiver's idempotency key. */
export class WebhookChannel implements ReminderChannel {
  readonly channel = 'webhook' as const;

  constructor(
    private readonly secret: string,
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  async send(url: string, message: ReminderMessage, deliveryId: string): Promise<string> {
    const body = JSON.stringify(message.payload);
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': message.key,
        'x-trustworks-delivery': deliveryId,
        [SIGNATURE_HEADER]: signature(this.secret, timestamp, body),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`the receiver answered HTTP ${response.status}`);
    return `HTTP ${response.status}`;
  }
}
