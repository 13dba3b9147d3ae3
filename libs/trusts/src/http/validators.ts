import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

type PropertyDecorator = (target: object, key: string) => void;

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((d) => d(target, key));
}

/** A day in England, `YYYY-MM-DD`, that exists on the calendar (no 30 February). */
export function IsCalendarDate(options: { optional?: boolean; description?: string; example?: string } = {}) {
  const doc: ApiPropertyOptions = {
    type: String,
    format: 'date',
    example: options.example ?? '2009-04-01',
    description: options.description,
    nullable: options.optional || undefined,
  };
  return compose(
    ...(options.optional ? [IsOptional() as PropertyDecorator] : []),
    Matches(/^\d{4}-\d{2}-\d{2}$/, {
      message: '$property must be a date written YYYY-MM-DD',
    }) as PropertyDecorator,
    IsISO8601(
      { strict: true },
      { message: '$property must be a date that exists on the calendar' },
    ) as PropertyDecorator,
    (options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc)) as PropertyDecorator,
  );
}

/** Free text a person types: present, trimmed of nothing, and of a sane length. */
export function IsText(
  options: { optional?: boolean; max?: number; description?: string; example?: string } = {},
) {
  const doc: ApiPropertyOptions = {
    type: String,
    maxLength: options.max ?? 500,
    description: options.description,
    example: options.example,
    nullable: options.optional || undefined,
  };
  return compose(
    ...(options.optional ? [IsOptional() as PropertyDecorator] : [IsNotEmpty() as PropertyDecorator]),
    IsString() as PropertyDecorator,
    MaxLength(options.max ?? 500) as PropertyDecorator,
    (options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc)) as PropertyDecorator,
  );
}

/** An id chosen by the client (member, meeting, decision...): short, URL-safe. */
export function IsClientId(options: { optional?: boolean; description?: string; example?: string } = {}) {
  const doc: ApiPropertyOptions = {
    type: String,
    pattern: '^[A-Za-z0-9._:-]{1,100}$',
    description: options.description,
    example: options.example,
  };
  return compose(
    ...(options.optional ? [IsOptional() as PropertyDecorator] : []),
    Matches(/^[A-Za-z0-9._:-]{1,100}$/, {
      message: '$property must be 1 to 100 letters, digits, dots, colons, underscores or hyphens',
    }) as PropertyDecorator,
    (options.optional ? ApiPropertyOptional(doc) : ApiProperty(doc)) as PropertyDecorator,
  );
}
