import type { EventStore, ExpectedRevision, Position } from '@trustworks/event-store';
import type { Clock, IdGenerator } from '@trustworks/platform';
import {
  REMINDER_ACTOR,
  REMINDER_SCHEMA_VERSION,
  reminderStream,
  type ReminderIssuedData,
} from '../domain/events';

/** Appends the dispatcher's own events to a reminder's stream, as the reminders' system actor. */
export class ReminderWriter {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async append(
    key: string,
    type: string,
    data: object,
    expectedRevision: ExpectedRevision,
    authority: string,
  ): Promise<Position> {
    const metadata = {
      actor: REMINDER_ACTOR,
      authority,
      correlationId: key,
      causationId: key,
      recordedAt: this.clock.now().toISOString(),
      schemaVersion: REMINDER_SCHEMA_VERSION,
    };
    const event = { id: this.ids.newId(), type, data, metadata };
    const result = await this.store.appendToStream(reminderStream(key), [event], { expectedRevision });
    return result.position;
  }

  /** The reminder as issued: its first event. */
  async issued(key: string): Promise<ReminderIssuedData | undefined> {
    for await (const first of this.store.readStream(reminderStream(key), { maxCount: 1 })) {
      return first.data as ReminderIssuedData;
    }
    return undefined;
  }
}
