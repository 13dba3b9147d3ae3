import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CheckpointedRunner, type EventStore } from '@trustworks/event-store';
import { TRUST_STREAM_PREFIX } from '@trustworks/trusts';
import type { Projector } from './projector';

const BATCH = 2000;

/**
 * Keeps the read models current from a catch-up subscription that starts after the stored
 * checkpoint (never from "end"), in batches; a failure restarts it from the last committed one.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly runner: CheckpointedRunner;

  constructor(store: EventStore, projector: Projector) {
    this.runner = new CheckpointedRunner('Projections', store, projector, [TRUST_STREAM_PREFIX], BATCH);
  }

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }
}
