import { MemoryEventStore } from '../adapters/memory/memory-event-store';
import { testEvents } from '../contract/test-events';
import type { Position, RecordedEvent } from '../port/event-store.port';
import { CatchUpTimeoutError, CheckpointedRunner, type CheckpointedModel } from './checkpointed-runner';

/** A model that keeps what it applied and its checkpoint, and can be told to fail once. */
class RecordingModel implements CheckpointedModel {
  applied: string[] = [];
  private checkpoint: Position | null = null;
  failNext = false;

  position(): Position | null {
    return this.checkpoint;
  }

  async apply(events: readonly RecordedEvent[], upTo: Position): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the read model could not be written');
    }
    this.applied.push(...events.map((e) => e.id));
    this.checkpoint = upTo;
  }
}

describe('CheckpointedRunner', () => {
  it('catches up, follows live, and answers read-your-writes waits', async () => {
    const store = new MemoryEventStore();
    const model = new RecordingModel();
    const first = testEvents(3);
    await store.appendToStream('kept-1', first);
    const runner = new CheckpointedRunner('test', store, model, ['kept-']);
    runner.start();
    const later = testEvents(2);
    const { position } = await store.appendToStream('kept-2', later);
    await store.appendToStream('other-1', testEvents(1));
    await runner.caughtUpTo(position);
    expect(model.applied).toEqual([...first, ...later].map((e) => e.id));
    await runner.stop();
  });

  it('restarts from its last committed checkpoint after a failed batch, applying nothing twice', async () => {
    const store = new MemoryEventStore();
    const model = new RecordingModel();
    const runner = new CheckpointedRunner('test', store, model, ['kept-']);
    const first = testEvents(2);
    const { position: p1 } = await store.appendToStream('kept-1', first);
    runner.start();
    await runner.caughtUpTo(p1);
    model.failNext = true;
    const second = testEvents(3);
    const { position: p2 } = await store.appendToStream('kept-2', second);
    await runner.caughtUpTo(p2);
    expect(model.applied).toEqual([...first, ...second].map((e) => e.id));
    await runner.stop();
  });

  it('gives up a read-your-writes wait after its time limit when the model keeps failing', async () => {
    const store = new MemoryEventStore();
    const model = new RecordingModel();
    model.apply = () => Promise.reject(new Error('the read model is broken'));
    const runner = new CheckpointedRunner('test', store, model, ['kept-']);
    runner.start();
    const { position } = await store.appendToStream('kept-1', testEvents(1));
    await expect(runner.caughtUpTo(position, 300)).rejects.toBeInstanceOf(CatchUpTimeoutError);
    await runner.stop();
  });
});
