import type Database from 'better-sqlite3';
import { WalCheckpointer } from './wal-checkpointer';
import { openWalFile } from './wal-file';

export interface ReadModelFileOptions {
  /**
   * Copy the WAL into the file on a worker thread instead of inside the commit that crosses 1,000
   * pages (see `WalCheckpointer`); the server turns it on.
   */
  checkpointInBackground?: boolean;
  /** Where the checkpoint thread reports what went wrong (see `WalCheckpointerOptions.onProblem`). */
  onProblem?: (message: string) => void;
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
    const db = openWalFile(path, 'NORMAL');
    const background = options.checkpointInBackground && path !== ':memory:';
    try {
      return new ReadModelFile(
        db,
        background ? WalCheckpointer.start(db, path, { onProblem: options.onProblem }) : undefined,
      );
    } catch (error) {
      db.close();
      throw error;
    }
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
