import type { Channel } from '../domain/events';
import type { ReminderMessage } from '../domain/message';

/** A way of telling someone. `send` resolves with the peer's answer, or rejects with why it failed. */
export interface ReminderChannel {
  readonly channel: Channel;
  send(target: string, message: ReminderMessage, deliveryId: string): Promise<string>;
  close?(): Promise<void> | void;
}
