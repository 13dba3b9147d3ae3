import { Inject, Injectable, Logger } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@trustworks/event-store';
import type { Principal } from '@trustworks/auth';
import { TrustCommandHandler, trustStream } from '@trustworks/trusts';
import { CHESHIRE_EAST } from './councils/cheshire-east';
import { DUDLEY } from './councils/dudley';
import { HARINGEY } from './councils/haringey';
import type { DemoCouncil } from './councils/builders';

export const DEMO_COUNCILS: readonly DemoCouncil[] = [CHESHIRE_EAST, HARINGEY, DUDLEY];

/** Recorded as the actor of every demo event, so nobody mistakes it for a person's record. */
const DEMO_PRINCIPAL: Principal = {
  subject: 'system:demo-data',
  name: 'Demo data loader',
  roles: ['admin'],
  authorities: [],
};

export interface DemoLoadResult {
  loaded: Array<{ trustId: string; authority: string; events: number }>;
  skipped: Array<{ trustId: string; reason: string }>;
}

/**
 * Loads the three seed councils' programmes through the ordinary command path (every rule applies,
 * every event has metadata). A council whose trust already exists is skipped, so loading is safe to repeat.
 */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly commands: TrustCommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async isStoreEmpty(): Promise<boolean> {
    return (await this.store.headPosition()) === null;
  }

  async load(): Promise<DemoLoadResult> {
    const result: DemoLoadResult = { loaded: [], skipped: [] };
    for (const council of DEMO_COUNCILS) {
      if (await this.exists(council.trustId)) {
        result.skipped.push({ trustId: council.trustId, reason: 'already loaded' });
        continue;
      }
      let events = 0;
      for (const [i, command] of council.commands.entries()) {
        const outcome = await this.commands.execute(council.trustId, command, DEMO_PRINCIPAL, {
          correlationId: `demo-data:${council.trustId}`,
          idempotencyKey: `demo-data:${council.trustId}:${i}`,
        });
        events += outcome.events.length;
      }
      result.loaded.push({ trustId: council.trustId, authority: council.authority, events });
      this.logger.log(`loaded ${council.trustId} (${events} events) from ${council.source}`);
    }
    return result;
  }

  private async exists(trustId: string): Promise<boolean> {
    for await (const _ of this.store.readStream(trustStream(trustId), { maxCount: 1 })) return true;
    return false;
  }
}
