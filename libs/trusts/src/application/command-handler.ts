import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  EVENT_STORE,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type NewEvent,
} from '@trustworks/event-store';
import { reportsWrites } from '@trustworks/event-store/support/reports-writes';
import {
  CURRENT_SCHEMA_VERSIONS,
  decide,
  evolve,
  type TrustCommand,
  type TrustEvent,
} from '@trustworks/trust-domain';
import { AccessPolicy, type Principal, type WriteKind } from '@trustworks/auth';
import { ApiError, CLOCK, ID_GENERATOR, InTurn, type Clock, type IdGenerator } from '@trustworks/platform';
import { TrustRepository, type LoadedTrust } from './trust-repository';
import { trustStream } from './trust-stream';

export interface CommandOptions {
  /** From If-Match: the revision the caller last saw. A different current revision is a 412. */
  expectedRevision?: number;
  /** From Idempotency-Key: a retry with the same key (by the same caller) answers the first result. */
  idempotencyKey?: string;
  correlationId: string;
  writeKind?: WriteKind;
  /** The trust id was minted for this request (a new random UUID): no stream to read before deciding. */
  mintedId?: boolean;
}

export interface CommandResult {
  trustId: string;
  /** The trust stream's revision after the command: the next ETag. */
  revision: number;
  events: Array<{ id: string; type: string }>;
  /** True when this answer is the replay of an earlier identical request (nothing was written now). */
  replayed: boolean;
}

const MAX_ATTEMPTS = 4;

interface Decided {
  event: TrustEvent;
  command: TrustCommand['type'];
}

/**
 * The one command path: load the trust, decide, append with the revision it was decided on.
 * Commands on one trust are taken in turn within the process; a writer elsewhere (another process
 * on the same store) can still get in first, and then the append fails: without If-Match the command
 * is decided again on the new state (the rules may now refuse it), with If-Match the caller is told
 * with 412.
 */
@Injectable()
export class TrustCommandHandler {
  private readonly logger = new Logger('TrustCommands');
  /** Commands on one trust in this process, in turn (see `execute`). */
  private readonly turns = new InTurn();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly trusts: TrustRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /**
   * Decides one command, or several in order on the state each leaves (e.g. propose a trust and
   * schedule its programme), and appends all their events in one atomic append.
   */
  execute(
    trustId: string,
    commands: TrustCommand | TrustCommand[],
    principal: Principal,
    options: CommandOptions,
  ): Promise<CommandResult> {
    // One command at a time per trust in this process: the next is decided on the state the last
    // one left, instead of racing it to the store and being decided again after losing.
    return this.turns.run(trustId, () => this.decideAndAppend(trustId, commands, principal, options));
  }

  private async decideAndAppend(
    trustId: string,
    commands: TrustCommand | TrustCommand[],
    principal: Principal,
    options: CommandOptions,
  ): Promise<CommandResult> {
    const list = Array.isArray(commands) ? commands : [commands];
    const command = list[0];
    for (let attempt = 1; ; attempt += 1) {
      const loaded =
        options.mintedId && attempt === 1 ? this.trusts.minted(trustId) : await this.trusts.load(trustId);
      const authority = this.authorise(loaded, command, principal, options);
      const replay = options.idempotencyKey
        ? loaded.keyedWrite(principal.subject, options.idempotencyKey)
        : undefined;
      // The stream is the idempotency record: a retry answers what the first request wrote.
      if (replay) return { trustId, ...replay, replayed: true };
      if (options.expectedRevision !== undefined && options.expectedRevision !== loaded.revision) {
        throw stale(trustId, options.expectedRevision, loaded.revision);
      }
      const events = this.decideAll(loaded, list, principal, authority);
      if (events.length === 0)
        return { trustId, revision: loaded.revision ?? -1, events: [], replayed: false };
      const newEvents = events.map((d) => this.envelope(d, principal, authority, options));
      try {
        const result = await this.append(trustId, newEvents, loaded);
        return {
          trustId,
          revision: result.nextRevision,
          events: newEvents.map(({ id, type }) => ({ id, type })),
          replayed: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (options.expectedRevision !== undefined)
          throw stale(trustId, options.expectedRevision, error.actual);
        if (attempt >= MAX_ATTEMPTS) throw conflict(trustId);
        this.logger.debug(
          `retrying ${command.type} on ${trustId} after a concurrent write (attempt ${attempt})`,
        );
      }
    }
  }

  /** Appends at the loaded revision; events this call wrote are folded once, for the next reader. */
  private async append(trustId: string, events: NewEvent[], loaded: LoadedTrust): Promise<AppendResult> {
    const options = { expectedRevision: loaded.revision ?? ('no_stream' as const) };
    const stream = trustStream(trustId);
    if (!reportsWrites(this.store)) return this.store.appendToStream(stream, events, options);
    const { written, nextRevision, position } = await this.store.appendReportingWrite(
      stream,
      events,
      options,
    );
    if (written) this.trusts.appended(loaded, events, nextRevision);
    return { nextRevision, position };
  }

  private authorise(
    loaded: LoadedTrust,
    command: TrustCommand,
    principal: Principal,
    options: CommandOptions,
  ): string {
    if (command.type === 'ProposeTrust') {
      AccessPolicy.assertCreate(principal, command.data.authority);
      return command.data.authority;
    }
    if (loaded.revision === null) throw ApiError.notFound('trust', loaded.trustId);
    AccessPolicy.assertWrite(
      principal,
      loaded.state.authority,
      loaded.trustId,
      options.writeKind ?? 'manage',
    );
    return loaded.state.authority;
  }

  private decideAll(
    loaded: LoadedTrust,
    commands: TrustCommand[],
    principal: Principal,
    authority: string,
  ): Decided[] {
    const context = { actor: principal.subject, authority, recordedAt: this.clock.now().toISOString() };
    const decided: Decided[] = [];
    let state = loaded.state;
    for (const [i, command] of commands.entries()) {
      const decision = decide(state, command, context);
      if (decision.kind === 'rejected') throw decision.error;
      decided.push(...decision.events.map((event) => ({ event, command: command.type })));
      // Only a following command needs the state this one leaves.
      if (i < commands.length - 1) state = decision.events.reduce(evolve, state);
    }
    return decided;
  }

  private envelope(
    { event, command }: Decided,
    principal: Principal,
    authority: string,
    options: CommandOptions,
  ): NewEvent {
    return {
      id: this.ids.newId(),
      type: event.type,
      data: event.data,
      metadata: {
        actor: principal.subject,
        actorName: principal.name,
        actorRoles: principal.roles,
        authority,
        correlationId: options.correlationId,
        causationId: options.correlationId,
        recordedAt: this.clock.now().toISOString(),
        schemaVersion: CURRENT_SCHEMA_VERSIONS[event.type],
        command,
        ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      },
    };
  }
}

function stale(trustId: string, expected: number, actual: number | 'no_stream' | null): ApiError {
  const now = actual === null || actual === 'no_stream' ? 'does not exist yet' : `is at revision ${actual}`;
  return new ApiError(
    412,
    'PRECONDITION_FAILED',
    `Trust ${trustId} ${now}, not revision ${expected} as your If-Match said: someone changed it since you read it. Reload and try again.`,
    { expected, actual },
  );
}

function conflict(trustId: string): ApiError {
  return new ApiError(
    409,
    'CONFLICT',
    `Trust ${trustId} kept changing while this command was decided; nothing was written. Try again.`,
  );
}
