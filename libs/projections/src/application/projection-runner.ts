import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CheckpointedRunner, type EventStore } from '@trustworks/event-store';
import { TRUST_STREAM_PREFIX } from '@trustworks/trusts';
import type { Projector } from './projector';
import { discardUnfinishedRebuild } from './rebuild';

const BATCH = 2000;

/**
 * Keeps the read models current from a catch-up subscription that starts after the stored
 * checkpoint (never from "end"), in batches; a failure restarts it from the last committed one.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly runner: CheckpointedRunner;

  constructor(
    store: EventStore,
    private readonly projector: Projector,
  ) {
    this.runner = new CheckpointedRunner('Projections', store, projector, [TRUST_STREAM_PREFIX], BATCH);
  }

  onApplicationBootstrap(): void {
    if (discardUnfinishedRebuild(this.projector)) {
      new Logger('Projections').warn(
        'A rebuild of the read models was stopped half-way (run the rebuild with --resume to finish ' +
          'one); its rows were dropped and the read models are built again from the first event.',
      );
    }
    this.runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }
}
