import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WalCheckpointer } from './wal-checkpointer';

export interface ReadModelFileOptions {
  /**
   * Copy the WAL into the file on a worker thread instead of inside the commit that crosses 1,000
   * pages (see `WalCheckpointer`); the server turns it on.
   */
  checkpointInBackground?: boolean;
}

/**
 * A SQLite file kept from the events (the projections, the reminders): WAL, `synchronous=NORMAL`
 * (a power cut may lose its last commits, which the events give back: each batch commits with its
 * checkpoint), a busy timeout for other processes on the same file, and optionally its checkpoints
 * on a thread. ':memory:' for a memory event store.
 */
export class ReadModelFile {
  private constructor(
    readonly db: Database.Database,
    private readonly checkpointer: WalCheckpointer | undefined,
  ) {}

  static open(path: string, options: ReadModelFileOptions = {}): ReadModelFile {
    const inMemory = path === ':memory:';
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    const background = options.checkpointInBackground && !inMemory;
    return new ReadModelFile(db, background ? WalCheckpointer.start(db, path) : undefined);
  }

  /** `work` in one immediate transaction (committed, or rolled back if it throws). */
  transaction<T>(work: () => T): T {
    const result = this.db.transaction(work).immediate();
    this.checkpointer?.committed();
    return result;
  }

  /** Closes at once; a checkpoint thread is stopped without waiting (see `shutdown`). */
  close(): void {
    void this.checkpointer?.stop();
    if (this.db.open) this.db.close();
  }

  /**
   * Stops the checkpoint thread (closing its connection) and then closes: the last connection to
   * close copies the WAL into the file and removes it, as SQLite does. The server's shutdown uses this.
   */
  async shutdown(): Promise<void> {
    await this.checkpointer?.stop();
    this.close();
  }
}
