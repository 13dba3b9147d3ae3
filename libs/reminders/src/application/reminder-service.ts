import {
  CatchUpTimeoutError,
  WrongExpectedRevisionError,
  type EventStore,
  type ExpectedRevision,
  type Position,
} from '@trustworks/event-store';
import { AccessPolicy, type Principal } from '@trustworks/auth';
import { ApiError, type Clock, type IdGenerator } from '@trustworks/platform';
import type { TrustState } from '@trustworks/trust-domain';
import {
  REMINDER_SCHEMA_VERSION,
  reminderStream,
  settingsStream,
  type ReminderSettingsChangedData,
} from '../domain/events';
import { effectiveSettings, type ReminderSettings } from '../domain/settings';
import type { IssuedRow, ReminderDb } from '../store/reminder-db';
import type { CheckpointedRunner } from '@trustworks/event-store';

const UPCOMING_LIMIT = 50;
const ISSUED_LIMIT = 100;
const MAX_SNOOZE_MS = 366 * 86_400_000;

export type IssuedView = IssuedRow & { deliveries: ReturnType<ReminderDb['deliveriesOf']> };

/** The reminders as people see and answer them: a trust's schedule, the issued list, ack and snooze. */
export class ReminderService {
  constructor(
    private readonly store: EventStore,
    private readonly db: ReminderDb,
    private readonly runner: CheckpointedRunner,
    private readonly loadTrust: (trustId: string) => Promise<TrustState | null>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    /** The delivery channels configured on this server, for people to see what will happen. */
    private readonly channels: readonly string[],
  ) {}

  async forTrust(trustId: string, principal: Principal) {
    await this.readableTrust(trustId, principal);
    await this.catchUp();
    const now = this.clock.now();
    return {
      trustId,
      channels: [...this.channels],
      upcoming: this.db.upcoming(trustId, now, UPCOMING_LIMIT).map((r) => ({
        scheduleId: r.scheduleId,
        rule: r.rule,
        subjectId: r.subjectId,
        subjectTitle: r.subjectTitle,
        subjectDate: r.subjectDate,
        leadDays: r.leadDays,
        nextOn: r.nextOn,
        nextAt: r.nextAt,
        everyDays: r.everyDays,
        recipients: r.recipients,
      })),
      issued: this.db.issuedFor(trustId, ISSUED_LIMIT).map((r) => this.view(r)),
      settings: effectiveSettings(this.db.settingsOf(trustId)),
    };
  }

  async list(principal: Principal, open: boolean, limit: number): Promise<IssuedView[]> {
    await this.catchUp();
    const authorities = principal.roles.includes('admin') ? null : principal.authorities;
    return this.db.issuedVisible(authorities, open, limit).map((r) => this.view(r));
  }

  async acknowledge(key: string, note: string | null, principal: Principal): Promise<IssuedView> {
    await this.catchUp();
    const row = this.writable(key, principal);
    if (row.acknowledgedAt !== null) {
      throw new ApiError(
        409,
        'REMINDER.ALREADY_ACKNOWLEDGED',
        `This reminder was already acknowledged by ${row.acknowledgedBy} at ${row.acknowledgedAt}.`,
        { key, acknowledgedAt: row.acknowledgedAt, acknowledgedBy: row.acknowledgedBy },
      );
    }
    await this.append(
      reminderStream(key),
      'ReminderAcknowledged',
      { key, trustId: row.trustId, note },
      row.streamRevision,
      row.authority,
      principal,
    );
    return this.view(this.db.issued(key) as IssuedRow);
  }

  async snooze(key: string, until: string, note: string | null, principal: Principal): Promise<IssuedView> {
    await this.catchUp();
    const row = this.writable(key, principal);
    const at = Date.parse(until);
    const now = this.clock.now().getTime();
    if (!(at > now) || at - now > MAX_SNOOZE_MS) {
      throw new ApiError(
        422,
        'REMINDER.SNOOZE_OUT_OF_RANGE',
        'A reminder can be snoozed to a time in the next year, not to the past.',
        {
          until,
          now: new Date(now).toISOString(),
        },
      );
    }
    const data = { key, trustId: row.trustId, until: new Date(at).toISOString(), note };
    await this.append(
      reminderStream(key),
      'ReminderSnoozed',
      data,
      row.streamRevision,
      row.authority,
      principal,
    );
    return this.view(this.db.issued(key) as IssuedRow);
  }

  async settings(trustId: string, principal: Principal): Promise<ReminderSettings> {
    await this.readableTrust(trustId, principal);
    await this.catchUp();
    return effectiveSettings(this.db.settingsOf(trustId));
  }

  async changeSettings(
    trustId: string,
    change: Partial<ReminderSettings>,
    principal: Principal,
  ): Promise<ReminderSettings> {
    const state = await this.readableTrust(trustId, principal);
    AccessPolicy.assertWrite(principal, state.authority, trustId, 'manage');
    await this.catchUp();
    const settings = { ...effectiveSettings(this.db.settingsOf(trustId)), ...definedOnly(change) };
    const data: ReminderSettingsChangedData = { trustId, authority: state.authority, settings };
    await this.append(
      settingsStream(trustId),
      'ReminderSettingsChanged',
      data,
      'any',
      state.authority,
      principal,
    );
    return effectiveSettings(this.db.settingsOf(trustId));
  }

  /** Read-your-writes: the projection has applied everything committed before this call. */
  private async catchUp(): Promise<void> {
    await this.caughtUpOr503(
      await this.store.headPosition(),
      'The reminders have not caught up with the latest changes; try again shortly.',
      (error) => ({ reason: error.message }),
    );
  }

  /** Waits for the projection to reach `position`; a wait that runs out is 503 REMINDERS_BEHIND. */
  private async caughtUpOr503(
    position: Position | null,
    message: string,
    details: (error: CatchUpTimeoutError) => Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.runner.caughtUpTo(position);
    } catch (error) {
      if (!(error instanceof CatchUpTimeoutError)) throw error;
      throw new ApiError(503, 'REMINDERS_BEHIND', message, details(error));
    }
  }

  private async readableTrust(trustId: string, principal: Principal): Promise<TrustState> {
    const state = await this.loadTrust(trustId);
    if (state === null) throw ApiError.notFound('trust', trustId);
    AccessPolicy.assertRead(principal, state.authority, trustId);
    return state;
  }

  private writable(key: string, principal: Principal): IssuedRow {
    const row = this.db.issued(key);
    if (row === undefined || !AccessPolicy.canRead(principal, row.authority))
      throw ApiError.notFound('reminder', key);
    AccessPolicy.assertWrite(principal, row.authority, row.trustId, 'manage');
    return row;
  }

  private view(row: IssuedRow): IssuedView {
    return { ...row, deliveries: this.db.deliveriesOf(row.key) };
  }

  /** Appends one event and waits until the projection shows it, so the answer reflects it. */
  private async append(
    stream: string,
    type: string,
    data: object,
    expectedRevision: ExpectedRevision,
    authority: string,
    principal: Principal,
  ): Promise<Position> {
    const correlationId = this.ids.newId();
    let position: Position;
    try {
      const result = await this.store.appendToStream(
        stream,
        [
          {
            id: this.ids.newId(),
            type,
            data,
            metadata: {
              actor: principal.subject,
              actorName: principal.name ?? principal.subject,
              authority,
              correlationId,
              causationId: correlationId,
              recordedAt: this.clock.now().toISOString(),
              schemaVersion: REMINDER_SCHEMA_VERSION,
            },
          },
        ],
        { expectedRevision },
      );
      position = result.position;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) {
        throw new ApiError(
          409,
          'REMINDER.CHANGED',
          'The reminder changed while you were answering it; look again and retry.',
          {
            stream,
          },
        );
      }
      throw error;
    }
    await this.caughtUpOr503(
      position,
      'Your change was recorded, but the reminders have not caught up with it yet; look again shortly.',
      () => ({ stream, position }),
    );
    return position;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
