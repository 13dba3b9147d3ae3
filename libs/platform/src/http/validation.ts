import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ApiError } from './api-error';

/** Distinct route parameter or query strings remembered per DTO class (the oldest is let go). */
export const REMEMBERED_PER_CLASS = 1000;

/**
 * The global pipe: whitelists, forbids unknown fields, converts primitives, and answers 400 with
 * every field's problems in `details.fields`, so a form can show each message next to its field.
 */
export function validationPipe(): RememberingValidationPipe {
  return new RememberingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const summary = Object.entries(fields)
        .map(([field, problems]) => `${field}: ${problems.join(', ')}`)
        .join('; ');
      return new ApiError(400, 'VALIDATION_FAILED', `The request is not valid. ${summary}`, { fields });
    },
  });
}

type Dto = abstract new (...args: never[]) => unknown;

/**
 * Nest's ValidationPipe, which also remembers the route parameters and query strings it has
 * accepted. A read sends the same few (a trust's id, an empty query) again and again, and the
 * validation is the same every time: the DTOs' rules and conversions depend on the value alone.
 * A value seen before and accepted is answered with a fresh copy of the first answer, so a handler
 * that changes its DTO changes nothing for the next request. Bodies are always validated (each
 * command's body is new), and so is anything refused: a refusal is never remembered.
 */
export class RememberingValidationPipe extends ValidationPipe {
  private readonly accepted = new Map<Dto, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const key = rememberable(value, metadata);
    if (key === undefined) return super.transform(value, metadata);
    const dto = metadata.metatype as Dto;
    const held = this.accepted.get(dto)?.get(key);
    if (held !== undefined) return copyOf(held);
    const answer: unknown = await super.transform(value, metadata);
    if (isFlat(answer)) this.remember(dto, key, copyOf(answer));
    return answer;
  }

  /** How many accepted values of this DTO class are remembered (for tests). */
  rememberedFor(dto: Dto): number {
    return this.accepted.get(dto)?.size ?? 0;
  }

  private remember(dto: Dto, key: string, answer: object): void {
    let held = this.accepted.get(dto);
    if (held === undefined) {
      held = new Map();
      this.accepted.set(dto, held);
    }
    if (held.size >= REMEMBERED_PER_CLASS) held.delete(held.keys().next().value as string);
    held.set(key, answer);
  }
}

const NOT_DTOS: ReadonlySet<unknown> = new Set([String, Number, Boolean, Array, Object]);

/**
 * The value as a key, when it is a route's parameters or query object for a DTO class, as a URL
 * gives them: strings and lists of strings only (JSON then tells any two such values apart).
 */
function rememberable(value: unknown, { type, metatype }: ArgumentMetadata): string | undefined {
  if (type !== 'param' && type !== 'query') return undefined;
  if (typeof metatype !== 'function' || NOT_DTOS.has(metatype)) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fromUrl = Object.values(value).every((v) =>
    Array.isArray(v) ? v.every((item) => typeof item === 'string') : typeof v === 'string',
  );
  return fromUrl ? JSON.stringify(value) : undefined;
}

/** A DTO of primitives and arrays of primitives only: one a shallow copy fully separates. */
function isFlat(answer: unknown): answer is object {
  if (typeof answer !== 'object' || answer === null) return false;
  return Object.values(answer).every((field) =>
    Array.isArray(field) ? field.every(isPrimitive) : isPrimitive(field),
  );
}

const isPrimitive = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function');

function copyOf(answer: object): object {
  const copy = Object.create(Object.getPrototypeOf(answer) as object | null) as Record<string, unknown>;
  for (const [field, v] of Object.entries(answer)) copy[field] = Array.isArray(v) ? [...v] : v;
  return copy;
}

function flatten(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = Object.values(error.constraints);
    if (error.children?.length) Object.assign(out, flatten(error.children, path));
  }
  return out;
}
