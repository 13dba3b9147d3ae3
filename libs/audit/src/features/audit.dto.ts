import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Min } from 'class-validator';

export class StateQuery {
  @ApiPropertyOptional({
    description:
      'A date (YYYY-MM-DD, the whole day in England) or an ISO-8601 date-time. With basis=recorded (the default): what the record said then. With basis=occurred: what had happened by that day, as known now.',
    example: '2009-03-31',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({
    description: 'Replay up to and including this stream revision instead.',
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  revision?: number;

  @ApiPropertyOptional({ enum: ['recorded', 'occurred'], default: 'recorded' })
  @IsOptional()
  @IsIn(['recorded', 'occurred'])
  basis?: 'recorded' | 'occurred';
}

export class ChangesQuery {
  @ApiProperty({
    description: 'From this date (whole day, England) or instant, inclusive.',
    example: '2009-05-01',
  })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({
    description: 'To this date (whole day, England) or instant, inclusive.',
    example: '2009-05-31',
  })
  @IsISO8601({ strict: true })
  to!: string;
}

export class EventLineDto {
  @ApiProperty() revision!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'DecisionRecorded' }) type!: string;
  @ApiProperty({ format: 'date', description: 'The day in England it happened, as the user gave it.' })
  occurredAt!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded (UTC, as stored).' })
  recordedAt!: string;
  @ApiProperty({ example: '2009-05-15T13:00:00+01:00', description: 'The same instant in England.' })
  recordedAtLondon!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty() authority!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ description: 'One line a person can read.' }) summary!: string;
}

export class HistoryPageDto {
  @ApiProperty() trustId!: string;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [EventLineDto] }) events!: EventLineDto[];
}

export class ChangesDto {
  @ApiProperty() trustId!: string;
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'Exclusive end of the window.' }) to!: string;
  @ApiProperty({ type: [EventLineDto] }) changes!: EventLineDto[];
}

export class BrokenLinkDto {
  @ApiProperty() revision!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() reason!: string;
}

export class VerifyDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'Events checked, up to the first broken link.' }) checked!: number;
  @ApiProperty({ type: BrokenLinkDto, nullable: true }) firstBroken!: BrokenLinkDto | null;
}

export class TrustStateDto {
  @ApiProperty() trustId!: string;
  @ApiProperty({ description: 'The question answered.', example: { basis: 'recorded', asOf: '2009-03-31' } })
  query!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: Number, description: 'Last stream revision folded in.' })
  revision!: number | null;
  @ApiProperty() eventsIncluded!: number;
  @ApiProperty({ description: 'False when the trust had not been proposed at that point.' }) exists!: boolean;
  @ApiProperty({ example: 'shadow' }) phase!: string;
  @ApiProperty({ nullable: true, type: String }) planStage!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() authority!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) keyIssues!: Record<string, unknown>;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Every seat holder, past and present.',
  })
  members!: unknown;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) membershipRegister!: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) decisions!: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) meetings!: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) milestones!: unknown[];
  @ApiProperty({ nullable: true, type: String, format: 'date' }) lastOccurredOn!: string | null;
  @ApiProperty({ description: "The lifecycle machine's state value then (for the state diagram)." })
  lifecycleState!: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) implementationBoard!: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) trustBoard!: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The programme timeline as it stood: RAG and slippage judged on that day.',
  })
  timeline!: unknown;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Attendance against commitments then.',
  })
  attendance!: unknown[];
}
