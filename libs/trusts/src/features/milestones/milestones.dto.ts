import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import {
  GOVERNANCE_DOCUMENT_KINDS,
  KEY_ISSUES,
  TRUST_EVENT_TYPES,
  type GovernanceDocumentKind,
  type KeyIssue,
  type TrustEventType,
} from '@trustworks/trust-domain';
import { DatedDto } from '../../http/command-controller';
import { ProgrammeTemplateChoiceDto } from '../propose-trust/propose-trust.dto';
import { IsCalendarDate, IsClientId, IsText } from '../../http/validators';

export class MilestoneParams {
  @IsClientId() trustId!: string;
  @IsClientId() milestoneId!: string;
}

export class MilestoneCompletionDto {
  @ApiProperty({ enum: TRUST_EVENT_TYPES }) @IsIn(TRUST_EVENT_TYPES) eventType!: TrustEventType;
  @ApiPropertyOptional({ enum: KEY_ISSUES }) @IsOptional() @IsIn(KEY_ISSUES) keyIssue?: KeyIssue;
  @ApiPropertyOptional({ enum: GOVERNANCE_DOCUMENT_KINDS })
  @IsOptional()
  @IsIn(GOVERNANCE_DOCUMENT_KINDS)
  documentKind?: GovernanceDocumentKind;
}

export class ScheduleMilestoneDto extends DatedDto {
  @IsClientId() milestoneId!: string;
  @IsText({ max: 300 }) title!: string;
  @IsText({ max: 200 }) owner!: string;
  @IsCalendarDate({ description: 'The baseline due date.' }) baselineDue!: string;

  @ApiProperty({ type: [String], description: 'milestoneIds that must complete first.' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { each: true, message: 'each dependsOn entry must be a milestone id' })
  dependsOn!: string[];

  @ApiPropertyOptional({
    type: MilestoneCompletionDto,
    description: 'The lifecycle event that completes it by itself.',
  })
  @IsOptional()
  @IsObject({ message: 'completedBy must be an object such as { "eventType": "BoardInaugurated" }' })
  @ValidateNested()
  @Type(() => MilestoneCompletionDto)
  completedBy?: MilestoneCompletionDto;

  @IsText({ optional: true, max: 100 }) phase?: string;
  @IsText({ optional: true, max: 100, description: 'The committee gate it must pass.' }) gate?: string;
}

export class ScheduleProgrammeDto extends ProgrammeTemplateChoiceDto {
  @IsCalendarDate({ description: 'The day the programme was set.' }) occurredAt!: string;
}

export class RebaselineMilestoneDto extends DatedDto {
  @IsCalendarDate({ description: 'The new forecast due date.' }) newDue!: string;
  @IsText({ max: 2000 }) reason!: string;
  @IsText({ max: 200, description: 'Who approved the change of date.' }) approvedBy!: string;
}

export class CompleteMilestoneDto extends DatedDto {
  @IsText({ optional: true, max: 2000 }) note?: string | null;
}
