/**
 * Canonical JSON: object keys in code-point order at every depth, no whitespace, `undefined`
 * members dropped (as JSON.stringify drops them). Two parties that hold the same JSON value produce
 * the same bytes, whatever order its keys were written in, which is what a hash over it needs.
 *
 * Every stored hash was computed over these bytes: the output must never change (the spec checks it
 * against a plain reference and fixed examples). Written with loops and one string, as it runs for
 * every event appended and verified.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) out += ',';
      // A hole (never in parsed JSON) stays empty, as the original `map(...).join(',')` left it.
      if (!(i in value)) continue;
      const item: unknown = value[i];
      out += item === undefined ? 'null' : canonicalJson(item);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, as `<` does.
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}
