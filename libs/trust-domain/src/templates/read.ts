import type { TemplateErrorCode, TemplateProblem } from './errors';

/** Helpers that read untrusted input field by field, recording every problem instead of stopping. */
export type Problems = TemplateProblem[];
export type Json = Record<string, unknown>;

export const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_MONTHS = 1200;
const MAX_DAYS = 36600;

/** `path.field`, or just `field` at the root (path ''). */
export function at(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`;
}

export function problem(
  problems: Problems,
  path: string,
  message: string,
  code: TemplateErrorCode = 'TEMPLATE.INVALID_FIELD',
  subject?: string,
): void {
  problems.push(subject === undefined ? { code, path, message } : { code, path, message, subject });
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readObject(value: unknown, path: string, problems: Problems): Json {
  if (isObject(value)) return value;
  problem(problems, path === '' ? '(template)' : path, 'must be an object');
  return {};
}

export function readString(obj: Json, field: string, path: string, problems: Problems): string {
  const value = obj[field];
  if (typeof value === 'string' && value.trim() !== '') return value;
  problem(problems, at(path, field), 'must be a non-empty string');
  return '';
}

export function readOptionalString(
  obj: Json,
  field: string,
  path: string,
  problems: Problems,
): string | undefined {
  return obj[field] === undefined ? undefined : readString(obj, field, path, problems);
}

export function readKey(obj: Json, field: string, path: string, problems: Problems): string {
  const value = readString(obj, field, path, problems);
  if (value !== '' && !KEY_PATTERN.test(value)) {
    problem(problems, at(path, field), `'${value}' must be kebab-case (a-z, 0-9, single hyphens)`);
  }
  return value;
}

export function readArray(obj: Json, field: string, path: string, problems: Problems): unknown[] {
  const value = obj[field];
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  problem(problems, at(path, field), 'must be an array');
  return [];
}

export function readStringList(obj: Json, field: string, path: string, problems: Problems): string[] {
  return readArray(obj, field, path, problems).map((item, i) => {
    if (typeof item === 'string' && item.trim() !== '') return item;
    problem(problems, `${at(path, field)}[${i}]`, 'must be a non-empty string');
    return '';
  });
}

export function readInteger(obj: Json, field: string, path: string, problems: Problems): number | undefined {
  const value = obj[field];
  if (value === undefined) return undefined;
  const limit = field === 'months' ? MAX_MONTHS : MAX_DAYS;
  if (typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= limit) return value;
  problem(problems, at(path, field), `must be a whole number between -${limit} and ${limit}`);
  return undefined;
}

export function readOptionalBoolean(
  obj: Json,
  field: string,
  path: string,
  problems: Problems,
): boolean | undefined {
  const value = obj[field];
  if (value === undefined || typeof value === 'boolean') return value;
  problem(problems, at(path, field), 'must be true or false');
  return undefined;
}

/** Reports each value that occurs more than once, at its second and later occurrences. */
export function reportDuplicates(
  values: readonly string[],
  path: (i: number) => string,
  problems: Problems,
): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (value === '') return;
    if (seen.has(value))
      problem(problems, path(i), `duplicate key '${value}'`, 'TEMPLATE.DUPLICATE_KEY', value);
    seen.add(value);
  });
}
