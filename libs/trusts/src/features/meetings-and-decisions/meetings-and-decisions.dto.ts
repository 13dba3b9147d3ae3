import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import { DECISION_TIERS, type DecisionTier } from '@trustworks/trust-domain';
import { DatedDto } from '../../http/command-controller';
import { IsCalendarDate, IsClientId, IsText } from '../../http/validators';

export class RecordMeetingDto extends DatedDto {
  @IsClientId({ example: 'ctb-2009-07-01' }) meetingId!: string;
  @IsText({ max: 200, example: "Children's Trust Board" }) body!: string;

  @ApiProperty({ type: [String], description: 'memberIds present (or names, for guests).' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  attendees!: string[];

  @ApiProperty({ type: [String], description: 'memberIds who sent apologies.' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  apologies!: string[];

  @ApiProperty() @IsBoolean() quorumMet!: boolean;
}

export class RecordDecisionDto extends DatedDto {
  @IsClientId({ example: 'd-2009-014' }) decisionId!: string;
  @IsText({ max: 300 }) title!: string;
  @ApiProperty({ enum: DECISION_TIERS }) @IsIn(DECISION_TIERS) tier!: DecisionTier;
  @IsText({ max: 200, description: 'The agency that enacts it through its own decision process (Dudley).' })
  leadAgency!: string;
  @IsText({ max: 4000 }) rationale!: string;
  @IsClientId({ optional: true }) meetingId?: string | null;
  @IsCalendarDate({ description: 'The day the decision takes effect.' }) effectiveFrom!: string;
}
