import {
  type DynamicModule,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import { join } from 'node:path';
import { CheckpointedRunner, EVENT_STORE, type EventStore } from '@trustworks/event-store';
import {
  CLOCK,
  ID_GENERATOR,
  systemClock,
  uuidGenerator,
  type Clock,
  type IdGenerator,
} from '@trustworks/platform';
import { TrustRepository, TrustsModule } from '@trustworks/trusts';
import type { ReminderChannel } from './adapters/channels';
import { EmailChannel, type SmtpConfig } from './adapters/email-channel';
import { WebhookChannel } from './adapters/webhook-channel';

import { ReminderDispatcher } from './application/dispatcher';
import {
  REMINDER_STREAM_PREFIXES,
  ReminderProjector,
  type LoadTrust,
} from './application/reminder-projector';
import { ReminderService } from './application/reminder-service';
import type { Channel } from './domain/events';
import { RemindersController } from './features/reminders/reminders.controller';
import { ReminderDb } from './store/reminder-db';

export interface RemindersConfig {
  /** `<DATA_DIR>/reminders.sqlite`, or ':memory:' beside a memory event store. */
  databasePath: string;
  /** Run the dispatcher in this process (one or several processes may; claims keep them apart). */
  dispatcher: boolean;
  /** Where the web UI is reached, for the link in each reminder. */
  publicBaseUrl: string;
  smtp?: SmtpConfig;
  /** HMAC-SHA256 key for webhook signatures; webhooks are sent only when it is set. */
  webhookSecret?: string;
  webhookTimeoutMs?: number;
}

const CHANNELS = Symbol('REMINDER_CHANNELS');
const LOAD_TRUST = Symbol('LOAD_TRUST');
const CONFIG = Symbol('REMINDERS_CONFIG');

/** Reminders: a projection of what falls due, a dispatcher that claims and delivers, and the API. */
@Module({})
export class RemindersModule implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    @Inject(CONFIG) private readonly config: RemindersConfig,
    @Inject(CheckpointedRunner) private readonly runner: CheckpointedRunner,
    @Inject(ReminderDispatcher) private readonly dispatcher: ReminderDispatcher,
    @Inject(ReminderDb) private readonly db: ReminderDb,
    @Inject(CHANNELS) private readonly channels: Map<Channel, ReminderChannel>,
  ) {}

  static forRoot(config: RemindersConfig): DynamicModule {
    return {
      module: RemindersModule,
      imports: [TrustsModule],
      controllers: [RemindersController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        { provide: ID_GENERATOR, useValue: uuidGenerator },
        {
          provide: ReminderDb,
          useFactory: () =>
            ReminderDb.open(config.databasePath, {
              checkpointInBackground: true,
              onProblem: (message) => new Logger('Reminders').warn(message),
            }),
        },
        {
          provide: LOAD_TRUST,
          inject: [TrustRepository],
          useFactory:
            (repository: TrustRepository): LoadTrust =>
            async (trustId, revision) => {
              const loaded =
                revision === undefined
                  ? await repository.load(trustId)
                  : await repository.loadSince(trustId, revision);
              return loaded.revision === null ? null : loaded.state;
            },
        },
        {
          provide: ReminderProjector,
          inject: [ReminderDb, LOAD_TRUST],
          useFactory: (db: ReminderDb, load: LoadTrust) => new ReminderProjector(db, load),
        },
        {
          provide: CheckpointedRunner,
          inject: [EVENT_STORE, ReminderProjector],
          useFactory: (store: EventStore, projector: ReminderProjector) =>
            new CheckpointedRunner('Reminders', store, projector, REMINDER_STREAM_PREFIXES),
        },
        {
          provide: CHANNELS,
          inject: [CLOCK],
          useFactory: (clock: Clock) => channelsFor(config, clock),
        },
        {
          provide: ReminderDispatcher,
          inject: [
            EVENT_STORE,
            ReminderDb,
            ReminderProjector,
            CheckpointedRunner,
            CHANNELS,
            CLOCK,
            ID_GENERATOR,
          ],
          useFactory: (
            store: EventStore,
            db: ReminderDb,
            projector: ReminderProjector,
            runner: CheckpointedRunner,
            channels: Map<Channel, ReminderChannel>,
            clock: Clock,
            ids: IdGenerator,
          ) =>
            new ReminderDispatcher(store, db, projector, runner, channels, clock, ids, {
              publicBaseUrl: config.publicBaseUrl,
              concurrency: 16,
              batchSize: 500,
            }),
        },
        {
          provide: ReminderService,
          inject: [EVENT_STORE, ReminderDb, CheckpointedRunner, LOAD_TRUST, CLOCK, ID_GENERATOR, CHANNELS],
          useFactory: (
            store: EventStore,
            db: ReminderDb,
            runner: CheckpointedRunner,
            load: LoadTrust,
            clock: Clock,
            ids: IdGenerator,
            channels: Map<Channel, ReminderChannel>,
          ) => new ReminderService(store, db, runner, load, clock, ids, [...channels.keys()]),
        },
      ],
      exports: [ReminderDispatcher, ReminderService, ReminderDb, CheckpointedRunner],
    };
  }

  onApplicationBootstrap(): void {
    this.runner.start();
    if (this.config.dispatcher) this.dispatcher.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.stop();
    await this.runner.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    for (const channel of this.channels.values()) await channel.close?.();
    await this.db.shutdown();
  }
}

function channelsFor(config: RemindersConfig, clock: Clock): Map<Channel, ReminderChannel> {
  const channels = new Map<Channel, ReminderChannel>();
  if (config.smtp) channels.set('email', new EmailChannel(config.smtp));
  if (config.webhookSecret) {
    channels.set(
      'webhook',
      new WebhookChannel(config.webhookSecret, clock, config.webhookTimeoutMs ?? 10_000),
    );
  }
  return channels;
}

/** `reminders.sqlite` beside a file-based event store; in memory beside any other. */
export function remindersDatabasePath(eventStore: object): string {
  const dataDir = (eventStore as { dataDir?: unknown }).dataDir;
  return typeof dataDir === 'string' ? join(dataDir, 'reminders.sqlite') : ':memory:';
}
