import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@trustworks/event-store';
import { COMMAND_EVENT, toView, type TrustCommand, type TrustEvent } from '@trustworks/trust-domain';
import { statutoryMembers, toShadow, trustProposed } from '@trustworks/trust-domain/decider/fixtures';
import type { Principal } from '@trustworks/auth';
import { ManualClock, uuidGenerator } from '@trustworks/platform';
import { TrustCommandHandler } from './command-handler';
import { FoldedStates } from './folded-states';
import { TrustRepository } from './trust-repository';

const AUTHORITY = 'Unitary Borough Council';
const principal: Principal = {
  subject: 'pm@unitary',
  roles: ['programme-manager'],
  authorities: [AUTHORITY],
};

function commandFor(event: TrustEvent): TrustCommand {
  const type = Object.entries(COMMAND_EVENT).find(([, e]) => e === event.type)?.[0];
  return { type, data: event.data } as TrustCommand;
}

/**
 * After a command, the repository holds the state it appended (folded once, as the events will be read
 * back), so the next command and the read-model projector need not fold them again. What it holds must
 * be exactly what a fresh fold of the stored stream gives.
 */
describe('TrustRepository after a command', () => {
  let dir: string;
  let store: SqliteEventStore;
  let other: SqliteEventStore;
  let handler: TrustCommandHandler;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trustworks-repository-'));
    store = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    // A second connection (and so a second cache) on the same file: a reader that folds from disk.
    other = SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
    const clock = new ManualClock(new Date('2010-01-01T09:00:00Z'));
    handler = new TrustCommandHandler(store, new TrustRepository(store), clock, uuidGenerator);
  });

  afterEach(async () => {
    await store.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (trustId: string, event: TrustEvent, idempotencyKey?: string) =>
    handler.execute(trustId, commandFor(event), principal, { correlationId: 'c-1', idempotencyKey });

  it('holds exactly the state a fresh fold of the stored stream gives, after every command', async () => {
    const trustId = 'trust-held';
    const events = [...toShadow(trustProposed({ trustId, authority: AUTHORITY })), ...statutoryMembers()];
    for (const event of events) {
      const result = await send(trustId, event);
      const held = FoldedStates.of(store).get(trustId);
      const fresh = await new TrustRepository(other).load(trustId);
      expect(held?.revision).toBe(result.revision);
      expect(fresh.revision).toBe(result.revision);
      expect(toView(held!.state)).toEqual(toView(fresh.state));
    }
    expect(FoldedStates.of(other).get(trustId)?.revision).toBe(events.length - 1);
  });

  it('answers an Idempotency-Key retry from the index it folded with the write', async () => {
    const trustId = 'trust-keyed';
    const [proposal, approval] = toShadow(trustProposed({ trustId, authority: AUTHORITY }));
    await send(trustId, proposal);
    const first = await send(trustId, approval, 'approval-key-1');
    const retry = await send(trustId, approval, 'approval-key-1');
    expect(retry).toEqual({ ...first, replayed: true });
    const fresh = await new TrustRepository(other).load(trustId);
    expect(fresh.keyedWrite(principal.subject, 'approval-key-1')).toEqual({
      revision: first.revision,
      events: first.events,
    });
  });

  it('keeps the caches of two stores apart, and never steps a held state back', async () => {
    const trustId = 'trust-apart';
    await send(trustId, trustProposed({ trustId, authority: AUTHORITY }));
    expect(FoldedStates.of(other).get(trustId)).toBeUndefined();
    const held = FoldedStates.of(store).get(trustId)!;
    FoldedStates.of(store).remember(trustId, { ...held, revision: held.revision - 1 });
    expect(FoldedStates.of(store).get(trustId)).toBe(held);
  });

  it('decides a minted trust id without reading, and if that id turns out to exist, decides again on the stream', async () => {
    const trustId = 'trust-minted-twice';
    const proposal = trustProposed({ trustId, authority: AUTHORITY });
    const reads = jest.spyOn(store, 'readStream');
    const first = await handler.execute(trustId, commandFor(proposal), principal, {
      correlationId: 'c-1',
      mintedId: true,
    });
    expect(first.revision).toBe(0);
    expect(reads).not.toHaveBeenCalled();
    // The same id minted again (it cannot happen with random UUIDs, but the store must still hold):
    // the append expecting no stream is refused, and the real stream's rules answer.
    await expect(
      handler.execute(trustId, commandFor(proposal), principal, { correlationId: 'c-2', mintedId: true }),
    ).rejects.toMatchObject({ code: 'TRUST.ALREADY_PROPOSED' });
    // Refused by the store first (no stream expected), then decided on a real read of the stream.
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    expect((await new TrustRepository(other).load(trustId)).revision).toBe(0);
  });

  it('loadSince answers from the remembered state when it is recent enough, and reads on otherwise', async () => {
    const trustId = 'trust-since';
    const [proposal, approval] = toShadow(trustProposed({ trustId, authority: AUTHORITY }));
    await send(trustId, proposal);
    const reader = new TrustRepository(other);
    expect((await reader.load(trustId)).revision).toBe(0);
    await send(trustId, approval);
    // Remembered at revision 0: enough for someone who has seen revision 0, not for revision 1.
    expect((await reader.loadSince(trustId, 0)).revision).toBe(0);
    const caughtUp = await reader.loadSince(trustId, 1);
    expect(caughtUp.revision).toBe(1);
    expect(toView(caughtUp.state)).toEqual(toView((await new TrustRepository(store).load(trustId)).state));
  });

  it('takes concurrent commands on one trust in turn: each decided once, appended once, none refused', async () => {
    const trustId = 'trust-concurrent';
    for (const event of toShadow(trustProposed({ trustId, authority: AUTHORITY })))
      await send(trustId, event);
    const before = (await new TrustRepository(other).load(trustId)).revision!;
    const members = statutoryMembers();
    const appends = jest.spyOn(store, 'appendReportingWrite');
    const results = await Promise.all(members.map((event) => send(trustId, event)));
    // Without taking turns, all but one would lose the race to the store and be decided again.
    expect(appends).toHaveBeenCalledTimes(members.length);
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual(
      members.map((_, i) => before + 1 + i),
    );
    const stored = await new TrustRepository(other).load(trustId);
    expect(stored.revision).toBe(before + members.length);
    appends.mockRestore();
  });
});
