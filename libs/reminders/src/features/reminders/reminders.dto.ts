import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  isEmail,
  type ValidationOptions,
} from 'class-validator';

export class ReminderKeyParams {
  @ApiProperty({ example: 'milestone-due:cheshire-east-ct:board:2009-01-31:7' })
  @IsString()
  @MinLength(1)
  @MaxLength(400)
  key!: string;
}

export class AcknowledgeReminderDto {
  @ApiPropertyOptional({ example: 'Chased the PCT; papers go to the March board.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class SnoozeReminderDto {
  @ApiProperty({ example: '2009-03-02T09:00:00Z', description: 'Remind again at this instant (ISO-8601).' })
  @IsISO8601({ strict: true })
  until!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ListRemindersQuery {
  @ApiPropertyOptional({ description: 'Only reminders nobody has acknowledged yet.', default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** Lead times: whole days, none negative, at most a year out, a handful of them. */
function LeadDays(options?: ValidationOptions): PropertyDecorator {
  return (target, key) => {
    IsArray(options)(target, key);
    ArrayMaxSize(10, options)(target, key);
    IsInt({ each: true, ...options })(target, key);
    Min(0, { each: true, ...options })(target, key);
    Max(366, { each: true, ...options })(target, key);
  };
}

function ContactMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'contactMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).length <= 100 &&
          Object.entries(value).every(
            ([k, v]) =>
              k.length > 0 &&
              k.length <= 200 &&
              Array.isArray(v) &&
              v.length <= 20 &&
              v.every((a) => typeof a === 'string' && isEmail(a)),
          ),
        defaultMessage: () =>
          'contacts must map each owner or role name (e.g. "programme-manager", "dcs") to a list of e-mail addresses',
      },
    },
    options,
  );
}

export class ReminderSettingsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ type: [Number], example: [14, 7, 1] })
  @IsOptional()
  @LeadDays()
  milestoneLeadDays?: number[];
  @ApiPropertyOptional({ example: 7 }) @IsOptional() @IsInt() @Min(1) @Max(90) overdueEveryDays?: number;
  @ApiPropertyOptional({ example: 6 }) @IsOptional() @IsInt() @Min(1) @Max(24) keyIssuesReviewMonths?: number;
  @ApiPropertyOptional({ type: [Number], example: [14, 7, 1] })
  @IsOptional()
  @LeadDays()
  deadlineLeadDays?: number[];
  @ApiPropertyOptional({ type: [Number], example: [28, 14, 7, 1] })
  @IsOptional()
  @LeadDays()
  vestingCountdownDays?: number[];
  @ApiPropertyOptional({ example: 12 }) @IsOptional() @IsInt() @Min(1) @Max(36) annualReviewMonths?: number;
  @ApiPropertyOptional({ type: [Number], example: [0] })
  @IsOptional()
  @LeadDays()
  decisionEffectiveLeadDays?: number[];
  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  escalateAfterUnanswered?: number;
  @ApiPropertyOptional({ example: 8, description: 'Hour of the day in Europe/London.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  sendHour?: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string', format: 'email' } },
    example: { 'programme-manager': ['pm@cheshireeast.gov.uk'], dcs: ['dcs@cheshireeast.gov.uk'] },
  })
  @IsOptional()
  @IsObject()
  @ContactMap()
  contacts?: Record<string, string[]>;
  @ApiPropertyOptional({ type: [String], example: ['https://intranet.example.gov.uk/hooks/trustworks'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { each: true })
  webhooks?: string[];
}

export class DeliveryDto {
  @ApiProperty() deliveryId!: string;
  @ApiProperty({ enum: ['email', 'webhook'] }) channel!: string;
  @ApiProperty() target!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed', 'abandoned'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ nullable: true, type: String }) response!: string | null;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt!: string | null;
}

export class RecipientDto {
  @ApiProperty({ example: 'programme-manager' }) contact!: string;
  @ApiProperty({ type: [String] }) addresses!: string[];
}

export class IssuedReminderDto {
  @ApiProperty() key!: string;
  @ApiProperty() rule!: string;
  @ApiProperty() trustId!: string;
  @ApiProperty() trustName!: string;
  @ApiProperty() authority!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty() subjectTitle!: string;
  @ApiProperty({ format: 'date' }) subjectDate!: string;
  @ApiProperty({ format: 'date' }) occurrence!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
  @ApiProperty({ type: [RecipientDto] }) recipients!: RecipientDto[];
  @ApiProperty({ type: [String], description: 'Contacts with no address in the settings.' })
  unaddressed!: string[];
  @ApiProperty() escalated!: boolean;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The token's subject." }) acknowledgedBy!:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: "The token's display name." })
  acknowledgedByName!: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedNote!: string | null;
  @ApiProperty({ nullable: true, type: String }) snoozedUntil!: string | null;
  @ApiProperty({ nullable: true, type: String }) snoozeNote!: string | null;
  @ApiProperty({ type: [DeliveryDto] }) deliveries!: DeliveryDto[];
}

export class UpcomingReminderDto {
  @ApiProperty() scheduleId!: string;
  @ApiProperty() rule!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty() subjectTitle!: string;
  @ApiProperty({ format: 'date' }) subjectDate!: string;
  @ApiProperty({ description: 'Days before the subject date; negative after it.' }) leadDays!: number;
  @ApiProperty({ format: 'date', description: 'The London day it falls due next.' }) nextOn!: string;
  @ApiProperty({ format: 'date-time' }) nextAt!: string;
  @ApiProperty({ nullable: true, type: Number }) everyDays!: number | null;
  @ApiProperty({ type: [String] }) recipients!: string[];
}

export class TrustRemindersDto {
  @ApiProperty() trustId!: string;
  @ApiProperty({
    type: [String],
    enum: ['email', 'webhook'],
    description:
      'The delivery channels this server has configured (none: reminders are shown in the app only).',
  })
  channels!: string[];
  @ApiProperty({ type: [UpcomingReminderDto] }) upcoming!: UpcomingReminderDto[];
  @ApiProperty({ type: [IssuedReminderDto] }) issued!: IssuedReminderDto[];
  @ApiProperty({ type: ReminderSettingsDto }) settings!: ReminderSettingsDto;
}

export class ReminderListDto {
  @ApiProperty({ type: [IssuedReminderDto] }) reminders!: IssuedReminderDto[];
}
