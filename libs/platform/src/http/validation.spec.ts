import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { ApiError } from './api-error';
import { REMEMBERED_PER_CLASS, validationPipe } from './validation';

/** Counts how often class-validator runs the rule, so a test can tell a remembered answer. */
@ValidatorConstraint({ name: 'counted' })
class Counted implements ValidatorConstraintInterface {
  static runs = 0;
  validate(): boolean {
    Counted.runs += 1;
    return true;
  }
}

class ItemParams {
  @Validate(Counted)
  @Matches(/^[a-z]+-\d+$/, { message: 'id must look like name-1' })
  id!: string;
}

class ItemQuery {
  @Validate(Counted)
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @IsString({ each: true })
  tags?: string[];
}

class ItemBody {
  @Validate(Counted)
  @IsString()
  title!: string;
}

const param = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'param', metatype });
const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

async function refusal(run: Promise<unknown>): Promise<ApiError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('the global validation pipe remembers accepted route parameters and queries', () => {
  beforeEach(() => {
    Counted.runs = 0;
  });

  it('validates the same parameters once and answers each request with its own DTO instance', async () => {
    const pipe = validationPipe();
    const first = (await pipe.transform({ id: 'trust-1' }, param(ItemParams))) as ItemParams;
    const second = (await pipe.transform({ id: 'trust-1' }, param(ItemParams))) as ItemParams;
    expect(Counted.runs).toBe(1);
    expect(second).toBeInstanceOf(ItemParams);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    // A handler that changes its DTO changes nothing for the next request.
    second.id = 'changed-9';
    const third = (await pipe.transform({ id: 'trust-1' }, param(ItemParams))) as ItemParams;
    expect(third.id).toBe('trust-1');
    await pipe.transform({ id: 'trust-2' }, param(ItemParams));
    expect(Counted.runs).toBe(2);
  });

  it('hands back the converted query (numbers, arrays) as a copy', async () => {
    const pipe = validationPipe();
    const value = { page: '3', tags: ['a', 'b'] };
    const first = (await pipe.transform({ ...value }, query(ItemQuery))) as ItemQuery;
    const again = (await pipe.transform({ ...value }, query(ItemQuery))) as ItemQuery;
    expect(Counted.runs).toBe(1);
    expect(again).toBeInstanceOf(ItemQuery);
    expect(again.page).toBe(3);
    expect(again.tags).toEqual(['a', 'b']);
    expect(again.tags).not.toBe(first.tags);
    again.tags?.push('c');
    const third = (await pipe.transform({ ...value }, query(ItemQuery))) as ItemQuery;
    expect(third.tags).toEqual(['a', 'b']);
  });

  it('never remembers a refusal: the same bad value is refused every time, by name', async () => {
    const pipe = validationPipe();
    for (let i = 0; i < 2; i += 1) {
      const error = await refusal(pipe.transform({ id: 'Not An Id' }, param(ItemParams)));
      expect(error.statusCode).toBe(400);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message).toContain('id must look like name-1');
    }
    const unknownField = await refusal(pipe.transform({ page: '2', extra: 'x' }, query(ItemQuery)));
    expect(unknownField.message).toContain('extra');
    const twice = await refusal(pipe.transform({ page: '0' }, query(ItemQuery)));
    expect(twice.message).toContain('page');
    expect(pipe.rememberedFor(ItemParams)).toBe(0);
    expect(pipe.rememberedFor(ItemQuery)).toBe(0);
    // After a good value is remembered, a bad one under the same class is still validated.
    await pipe.transform({ page: '2' }, query(ItemQuery));
    await expect(pipe.transform({ page: '-1' }, query(ItemQuery))).rejects.toBeInstanceOf(ApiError);
  });

  it('validates every time a value no URL gives (a number, an undefined field)', async () => {
    const pipe = validationPipe();
    await pipe.transform({ page: 3 }, query(ItemQuery));
    await pipe.transform({ page: 3 }, query(ItemQuery));
    expect(Counted.runs).toBe(2);
    // An optional field left undefined skips its rules (the counter), so only the count of what is held tells.
    await pipe.transform({ page: undefined }, query(ItemQuery));
    await pipe.transform({ tags: ['a', 'b'], page: undefined }, query(ItemQuery));
    expect(pipe.rememberedFor(ItemQuery)).toBe(0);
    await pipe.transform({ tags: ['a', 'b'] }, query(ItemQuery));
    expect(pipe.rememberedFor(ItemQuery)).toBe(1);
  });

  it('validates every body, however often it is sent', async () => {
    const pipe = validationPipe();
    await pipe.transform({ title: 'Board minutes' }, body(ItemBody));
    await pipe.transform({ title: 'Board minutes' }, body(ItemBody));
    expect(Counted.runs).toBe(2);
    expect(pipe.rememberedFor(ItemBody)).toBe(0);
  });

  it(`holds at most ${REMEMBERED_PER_CLASS} values per class, letting the oldest go`, async () => {
    const pipe = validationPipe();
    for (let i = 0; i <= REMEMBERED_PER_CLASS; i += 1) {
      await pipe.transform({ id: `trust-${i}` }, param(ItemParams));
    }
    expect(pipe.rememberedFor(ItemParams)).toBe(REMEMBERED_PER_CLASS);
    const runs = Counted.runs;
    await pipe.transform({ id: `trust-${REMEMBERED_PER_CLASS}` }, param(ItemParams));
    expect(Counted.runs).toBe(runs);
    await pipe.transform({ id: 'trust-0' }, param(ItemParams));
    expect(Counted.runs).toBe(runs + 1);
  });
});
