import fc from 'fast-check';
import { canonicalJson } from './canonical';

/**
 * The definition as first written (and as every stored hash was computed): keys filtered and sorted,
 * each member written by recursion, joined with commas. (A shortcut through JSON.stringify of a
 * rebuilt object would not do: JavaScript puts integer-like keys first, whatever order they were added.)
 */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : reference(item))).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((key) => `${JSON.stringify(key)}:${reference(record[key])}`).join(',')}}`;
}

describe('canonicalJson (the bytes every stored hash covers)', () => {
  it('gives exactly the reference bytes for any JSON value, undefined members and odd keys included', () => {
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom('__proto__x', 'é', 'E', '\u{1F600}', '\uFFFF', '10', '9'),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.constant(undefined),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.string(),
        fc.array(tie('node'), { maxLength: 5 }),
        fc.dictionary(key, tie('node'), { maxKeys: 6 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => canonicalJson(v) === reference(v)),
      { numRuns: 2000 },
    );
  });

  it('keeps the bytes of known examples (hashes already stored depend on them)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, undefined, 'x'], c: undefined, A: { z: 0, y: -1.5 } })).toBe(
      '{"A":{"y":-1.5,"z":0},"a":[true,null,null,"x"],"b":1}',
    );
    expect(canonicalJson({ é: 1, e: 2, E: 3, '10': 4, '9': 5 })).toBe('{"10":4,"9":5,"E":3,"e":2,"é":1}');
    expect(canonicalJson('line\nbreak "quoted"')).toBe('"line\\nbreak \\"quoted\\""');
    expect(canonicalJson(undefined)).toBe('null');
    // eslint-disable-next-line no-sparse-arrays
    const holed = [1, , 3];
    expect(canonicalJson(holed)).toBe(reference(holed));
  });
});
