/**
 * Work queued by key: each piece of work under a key starts when the one queued before it under the
 * same key has settled (fulfilled or not), and different keys never wait for each other. A key is
 * forgotten once its queue is empty. For one process's writers of one stream or one trust, so they
 * take turns instead of racing each other to the store.
 */
export class InTurn {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key);
    // Nothing queued ahead: start now rather than a microtask later.
    const result = before ? before.then(work) : work();
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (for tests). */
  size(): number {
    return this.tails.size;
  }
}
