import type { ExpectedRevision, NewEvent } from '../port/event-store.port';
import { InvalidAppendError } from '../port/errors';
import { testEvent, testMetadata, uniqueStream } from './test-events';
import type { ContractContext } from './context.contract';
import { ids, rejectionOf, without } from './support.contract';

/** Round-trips of what is stored, and appends the store must refuse. */
export function dataContract(c: ContractContext): void {
  const { append, readStream, readAll } = c;

  describe('round-trips', () => {
    it('returns metadata exactly as given, extra keys included', async () => {
      const stream = uniqueStream();
      const metadata = testMetadata({
        actor: 'system:reminders',
        recordedAt: '2024-02-29T23:59:59.999Z',
        schemaVersion: 3,
        // Not `hash`/`previousHash`: the audit library's hash chain owns those names.
        sourceDigest: 'sha256:9f86d081884c7d659a2feaa0c55ad015',
        replacedBy: null,
        chain: { index: 7, algorithm: 'sha256', witnesses: ['a', 'b'] },
        retried: false,
        weight: 0.25,
      });
      await append(stream, [{ id: testEvent().id, type: 'MetadataKept', data: {}, metadata }]);
      const [read] = await readStream(stream);
      expect(read.metadata).toStrictEqual(metadata);
    });

    it('returns data exactly as given: nested objects, arrays, unicode, escapes and numbers', async () => {
      const stream = uniqueStream();
      const data = {
        text: 'Ærøskøbing — 北京 — مرحبا — 👩🏽‍⚕️ — café vs cafe\u0301',
        escapes: 'quote " backslash \\ newline \n tab \t nul \u0000 end',
        numbers: {
          zero: 0,
          negative: -42,
          float: 0.1 + 0.2,
          tiny: 5e-324,
          huge: 1.5e300,
          maxSafe: Number.MAX_SAFE_INTEGER,
          minSafe: Number.MIN_SAFE_INTEGER,
        },
        nested: { a: { b: { c: [1, { d: [true, false, null] }, 'x'] } } },
        empty: { object: {}, array: [], string: '' },
        'key with spaces and ü': 'ok',
        '': 'empty key',
      };
      const event = testEvent('DataKept', data);
      await append(stream, [event]);
      const [read] = await readStream(stream);
      expect(read.data).toStrictEqual(data);
      expect(read).toStrictEqual({ ...event, stream, revision: 0, position: read.position });
    });

    it('returns data that is a JSON array, string, number, boolean or null', async () => {
      const stream = uniqueStream();
      const values: unknown[] = [[1, 'two', { three: 3 }], 'just text', 12.5, true, null];
      await append(
        stream,
        values.map((value) => testEvent('ScalarKept', value)),
      );
      expect((await readStream(stream)).map((e) => e.data)).toStrictEqual(values);
    });

    it('keeps history immutable: changing what was appended or read does not change the store', async () => {
      const stream = uniqueStream();
      const event = testEvent('Kept', { list: [1, 2], inner: { name: 'before' } });
      await append(stream, [event]);
      (event.data.list as number[]).push(3);
      (event.metadata as Record<string, unknown>).actor = 'mutated';
      const [first] = await readStream(stream);
      (first.data as { inner: { name: string } }).inner.name = 'mutated';
      first.metadata.authority = 'mutated';
      const [again] = await readStream(stream);
      expect(again.data).toStrictEqual({ list: [1, 2], inner: { name: 'before' } });
      expect(again.metadata.actor).toBe('user:test-officer');
      expect(again.metadata.authority).toBe('la:test-borough');
    });
  });

  describe('invalid appends', () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;

    type Case = [string, RegExp, () => { events: unknown[]; expectedRevision?: unknown; stream?: string }];
    const cases: Case[] = [
      ['an empty stream name', /stream/i, () => ({ stream: '', events: [testEvent()] })],
      ['an empty events array', /empty|no events|at least one/i, () => ({ events: [] })],
      ['BigInt data', /data|json/i, () => ({ events: [testEvent('Bad', { amount: BigInt(10) })] })],
      ['data holding a function', /data|json/i, () => ({ events: [testEvent('Bad', { run: () => 1 })] })],
      ['a function as data', /data|json/i, () => ({ events: [testEvent('Bad', () => 1)] })],
      ['circular data', /data|json|circular/i, () => ({ events: [testEvent('Bad', circular)] })],
      [
        'metadata that is not JSON',
        /metadata|json/i,
        () => ({ events: [testEvent('Bad', {}, { extra: BigInt(1) })] }),
      ],
      ["the revision '3' as a string", /revision/i, () => ({ events: [testEvent()], expectedRevision: '3' })],
      ['the revision -2', /revision/i, () => ({ events: [testEvent()], expectedRevision: -2 })],
      ['the revision 1.5', /revision/i, () => ({ events: [testEvent()], expectedRevision: 1.5 })],
      [
        'an unknown revision keyword',
        /revision/i,
        () => ({ events: [testEvent()], expectedRevision: 'latest' }),
      ],
      ['an event without an id', /\bid\b/i, () => ({ events: [without(testEvent(), 'id')] })],
      [
        'an event whose id is not a uuid',
        /\bid\b|uuid/i,
        () => ({ events: [{ ...testEvent(), id: 'order-1' }] }),
      ],
      ['an event without a type', /type/i, () => ({ events: [without(testEvent(), 'type')] })],
      ['an event with an empty type', /type/i, () => ({ events: [{ ...testEvent(), type: '' }] })],
      ['an event without metadata', /metadata/i, () => ({ events: [without(testEvent(), 'metadata')] })],
      [
        'a batch whose second event is bad',
        /data|json/i,
        () => ({ events: [testEvent(), testEvent('Bad', { amount: BigInt(1) }), testEvent()] }),
      ],
    ];

    it.each(cases)('rejects %s with InvalidAppendError and writes nothing', async (_name, message, build) => {
      const existing = uniqueStream();
      await append(existing, [testEvent()], 'no_stream');
      const before = await readAll();
      const input = build();
      const stream = input.stream ?? existing;
      const options =
        'expectedRevision' in input
          ? { expectedRevision: input.expectedRevision as ExpectedRevision }
          : undefined;
      const error = await rejectionOf('invalid append', () =>
        c.store().appendToStream(stream, input.events as NewEvent[], options),
      );
      expect(error).toBeInstanceOf(InvalidAppendError);
      expect(error).toMatchObject({ code: 'EVENT_STORE.INVALID_APPEND' });
      expect((error as Error).message).toMatch(message);
      expect(ids(await readAll())).toEqual(ids(before));
      expect(await readStream(existing)).toHaveLength(1);
    });
  });
}
