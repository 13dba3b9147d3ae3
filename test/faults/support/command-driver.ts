import { randomUUID } from 'node:crypto';
import {
  AUTHORITY,
  TO_SHADOW_BOARD,
  decisionBody,
  meetingBody,
  plainProposal,
} from '../../support/api-fixtures';

/** One command as sent: every one carries its own Idempotency-Key, so it can be found (and retried). */
export interface SentCommand {
  key: string;
  path: string;
  body: Record<string, unknown>;
}

/** A command the API answered 2xx, with what it said it wrote. */
export interface AckedCommand extends SentCommand {
  status: number;
  trustId: string;
  revision: number;
  eventIds: string[];
  replayed: boolean;
  /** Sent again after a crash because its first answer never came. */
  retried: boolean;
}

export interface RefusedCommand extends SentCommand {
  status: number;
  answer: string;
}

interface Worker {
  trustId: string | null;
  /** Steps of the trust done so far: proposal, the shadow-board steps, then meetings and decisions. */
  done: number;
  /** A command sent whose answer was lost: it is sent again, with the same key, before anything else. */
  pending: SentCommand | null;
}

const REQUEST_TIMEOUT_MS = 15_000;
/** Meetings and decisions per trust before a worker starts on a new trust. */
const BOARD_BUSINESS_PER_TRUST = 40;

/**
 * Drives programme-manager commands at the API from several workers over loopback. Each worker
 * walks its own trusts (propose, approve, appoint, convene, then board meetings and decisions), one
 * command at a time, so every answer other than 2xx is a fault, not a race. When the API dies, each
 * worker keeps the command it was waiting on and sends it again, same key, when driven again.
 */
export class CommandDriver {
  readonly acked: AckedCommand[] = [];
  readonly refused: RefusedCommand[] = [];
  /** Commands sent whose answer never came (the connection died), in the order they were lost. */
  readonly unanswered: SentCommand[] = [];
  private readonly workers: Worker[];

  constructor(
    workers: number,
    private readonly token: string,
  ) {
    this.workers = Array.from({ length: workers }, () => ({ trustId: null, done: 0, pending: null }));
  }

  /** Drives until `stop()` says so or a worker loses its connection; `onAck` sees each 2xx as it lands. */
  async drive(
    url: string,
    stop: () => boolean,
    onAck: (acked: number) => void = () => undefined,
  ): Promise<void> {
    await Promise.all(this.workers.map((w) => this.work(w, url, stop, onAck)));
  }

  /** Sends each command whose answer was lost once more (same key) and nothing else. */
  async settle(url: string): Promise<void> {
    await Promise.all(
      this.workers.filter((w) => w.pending).map((w) => this.send(w, w.pending as SentCommand, url)),
    );
  }

  trustIds(): string[] {
    return [...new Set(this.acked.map((a) => a.trustId))];
  }

  private async work(worker: Worker, url: string, stop: () => boolean, onAck: (n: number) => void) {
    while (!stop()) {
      const command = worker.pending ?? this.next(worker);
      if (!(await this.send(worker, command, url))) return;
      onAck(this.acked.length);
    }
  }

  /** True when answered 2xx; false when refused or when the connection died. */
  private async send(worker: Worker, command: SentCommand, url: string): Promise<boolean> {
    const retried = worker.pending === command;
    worker.pending = command;
    let res: Response;
    try {
      res = await fetch(`${url}${command.path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': 'application/json',
          'idempotency-key': command.key,
        },
        body: JSON.stringify(command.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      if (!retried) this.unanswered.push(command);
      return false;
    }
    const text = await res.text().catch(() => null);
    if (text === null) {
      if (!retried) this.unanswered.push(command);
      return false;
    }
    worker.pending = null;
    if (!res.ok) {
      this.refused.push({ ...command, status: res.status, answer: text });
      return false;
    }
    const answer = JSON.parse(text) as {
      trustId: string;
      revision: number;
      events: Array<{ id: string }>;
      replayed: boolean;
    };
    this.acked.push({
      ...command,
      status: res.status,
      trustId: answer.trustId,
      revision: answer.revision,
      eventIds: answer.events.map((e) => e.id),
      replayed: answer.replayed,
      retried,
    });
    if (command.path === '/trusts') worker.trustId = answer.trustId;
    worker.done += 1;
    return true;
  }

  private next(worker: Worker): SentCommand {
    const key = randomUUID();
    const steps = TO_SHADOW_BOARD.length + 1;
    if (worker.trustId === null || worker.done >= steps + BOARD_BUSINESS_PER_TRUST) {
      worker.trustId = null;
      worker.done = 0;
    }
    const step = worker.done;
    if (step === 0) return { key, path: '/trusts', body: plainProposal(AUTHORITY, { name: `Trust ${key}` }) };
    if (step < steps) {
      const { path, body } = TO_SHADOW_BOARD[step - 1];
      return { key, path: `/trusts/${worker.trustId}${path}`, body };
    }
    return step % 2 === 0
      ? { key, path: `/trusts/${worker.trustId}/meetings`, body: meetingBody(`m-${key}`) }
      : { key, path: `/trusts/${worker.trustId}/decisions`, body: decisionBody(`d-${key}`) };
  }
}
