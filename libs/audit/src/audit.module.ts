import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@trustworks/event-store';
import { CLOCK, systemClock } from '@trustworks/platform';
import { TrustStreamReader } from './application/trust-stream-reader';
import { TimeTravel } from './time-travel/time-travel';
import { AuditController } from './features/audit.controller';

/**
 * Audit: time travel, history, export and tamper evidence over the trust streams. The hash chain
 * itself is applied where the store is built: `EventStoreModule.forRoot(config, hashChained)`.
 */
@Module({
  controllers: [AuditController],
  providers: [
    TrustStreamReader,
    { provide: CLOCK, useValue: systemClock },
    { provide: TimeTravel, useFactory: (store: EventStore) => new TimeTravel(store), inject: [EVENT_STORE] },
  ],
})
export class AuditModule {}
