import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { REVIEW_OUTCOMES, type ReviewOutcome } from '@trustworks/trust-domain';
import { DatedDto } from '../../http/command-controller';
import { IsText } from '../../http/validators';

export class StartReviewDto extends DatedDto {
  @IsText({ optional: true, max: 2000, example: "The 2011 review of Children's Trust arrangements" })
  reason?: string | null;
}

const LOCAL_TRUSTS = ['continuing', 'dissolved', 'none'] as const;
const PLAN_FATES = ['refreshed', 'slimmed', 'dropped'] as const;

export class RecordOutcomeDto extends DatedDto {
  @ApiProperty({ enum: REVIEW_OUTCOMES }) @IsIn(REVIEW_OUTCOMES) outcome!: ReviewOutcome;
  @IsText({ optional: true, max: 200, description: 'For a renamed board.' }) newName?: string | null;
  @IsText({ optional: true, max: 200, description: 'The Health and Wellbeing Board or commissioning group.' })
  successorBody?: string | null;
  @ApiPropertyOptional({ enum: LOCAL_TRUSTS, nullable: true })
  @IsOptional()
  @IsIn(LOCAL_TRUSTS)
  localTrusts?: (typeof LOCAL_TRUSTS)[number] | null;
  @ApiPropertyOptional({ enum: PLAN_FATES, nullable: true })
  @IsOptional()
  @IsIn(PLAN_FATES)
  plan?: (typeof PLAN_FATES)[number] | null;
  @IsText({ optional: true, max: 4000 }) notes?: string | null;
}
