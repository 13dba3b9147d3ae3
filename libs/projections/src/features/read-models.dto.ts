import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

export class MinRevisionQuery {
  @ApiPropertyOptional({
    description:
      'Read your own write: the ETag revision your command returned. The read waits up to 2 s for the projection to reach it, then answers 503 PROJECTION_BEHIND.',
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minRevision?: number;
}

export class MinPositionQuery {
  @ApiPropertyOptional({
    description:
      'Wait (up to 2 s) until the projection has read this global position; else 503 PROJECTION_BEHIND.',
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}

class NextDueDto {
  @ApiProperty() milestoneId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'date' }) due!: string;
}

export class DashboardTrustDto {
  @ApiProperty() trustId!: string;
  @ApiProperty() authority!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'shadow' }) phase!: string;
  @ApiProperty({ description: 'The revision the read model has reached.' }) revision!: number;
  @ApiProperty({ enum: ['red', 'amber', 'green'] }) rag!: string;
  @ApiProperty() overdueMilestones!: number;
  @ApiProperty({ type: NextDueDto, nullable: true }) nextDue!: NextDueDto | null;
  @ApiProperty({ type: [String] }) keyIssuesOpen!: string[];
  @ApiProperty({ type: [String] }) statutoryPartnersMissing!: string[];
}

export class DashboardDto {
  @ApiProperty({ format: 'date', description: "Today in England, from the server's clock." }) today!: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'The global position the read models have reached.',
  })
  position!: number | null;
  @ApiProperty({ type: [DashboardTrustDto] }) trusts!: DashboardTrustDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { shadow: 2, operating: 1 },
  })
  byPhase!: Record<string, number>;
}

export class TimelineMilestoneDto {
  @ApiProperty() milestoneId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ nullable: true, type: String }) phase!: string | null;
  @ApiProperty({ nullable: true, type: String }) gate!: string | null;
  @ApiProperty({ format: 'date' }) baselineDue!: string;
  @ApiProperty({ format: 'date' }) forecastDue!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) completedOn!: string | null;
  @ApiProperty({
    description: 'Days after baseline (actual, forecast, or today if overdue); negative when early.',
  })
  slippageDays!: number;
  @ApiProperty({ type: [String] }) dependsOn!: string[];
  @ApiProperty({ enum: ['red', 'amber', 'green'] }) rag!: string;
  @ApiProperty() ragReason!: string;
  @ApiProperty({ description: 'On the critical path.' }) critical!: boolean;
}

export class TimelineDto {
  @ApiProperty() trustId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ format: 'date' }) today!: string;
  @ApiProperty({ type: [TimelineMilestoneDto] }) milestones!: TimelineMilestoneDto[];
  @ApiProperty({ type: [String], description: 'From first to last: the chain that sets the end date.' })
  criticalPath!: string[];
}

export class DecisionDto {
  @ApiProperty() decisionId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'board' }) tier!: string;
  @ApiProperty() leadAgency!: string;
  @ApiProperty() rationale!: string;
  @ApiProperty({ nullable: true, type: String }) meetingId!: string | null;
  @ApiProperty({ nullable: true, type: String }) meetingBody!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) meetingHeldOn!: string | null;
  @ApiProperty({ format: 'date' }) decidedOn!: string;
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() revision!: number;
}

export class DecisionsDto {
  @ApiProperty() trustId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ type: [DecisionDto] }) decisions!: DecisionDto[];
}

export class AttendanceDto {
  @ApiProperty() memberId!: string;
  @ApiProperty() person!: string;
  @ApiProperty() organisation!: string;
  @ApiProperty({ description: 'Meetings attended in the year up to the latest meeting.' }) attended!: number;
  @ApiProperty({ description: 'Meetings held in that year since the member joined.' }) of!: number;
  @ApiProperty({ nullable: true, type: Number }) minimumAttendance!: number | null;
  @ApiProperty() belowMinimum!: boolean;
}

export class MembershipDto {
  @ApiProperty() trustId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'The membership register.' })
  register!: unknown[];
  @ApiProperty({ type: [AttendanceDto] }) attendance!: AttendanceDto[];
}

export class ListTrustsQuery extends MinPositionQuery {
  @ApiPropertyOptional({ description: 'Only this local authority.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  authority?: string;

  @ApiPropertyOptional({
    description: 'Only trusts in this phase (e.g. shadow, operating, closed:dissolved).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  phase?: string;

  @ApiPropertyOptional({
    description: 'true: only trusts with an overdue milestone; false: only those without.',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}

export class TrustListDto {
  @ApiProperty({ type: [DashboardTrustDto] }) trusts!: DashboardTrustDto[];
}
