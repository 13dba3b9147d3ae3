import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PARTNER_CATEGORIES, type PartnerCategory } from '@trustworks/trust-domain';
import { DatedDto } from '../../http/command-controller';
import { IsClientId, IsText } from '../../http/validators';

export class MemberParams {
  @IsClientId() trustId!: string;
  @IsClientId() memberId!: string;
}

class SeatDto extends DatedDto {
  @IsText({ max: 200 }) person!: string;
  @IsText({ max: 200, example: 'Chair of the Schools Forum' }) role!: string;
  @IsText({ optional: true, max: 200, description: 'The named deputy (Haringey: every member names one).' })
  deputy?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Meetings a year the member commits to attend.',
    nullable: true,
    example: 4,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(52)
  minimumAttendance?: number | null;
}

export class AppointMemberDto extends SeatDto {
  @IsClientId({ description: 'Your id for this seat holder.', example: 'm-police-1' }) memberId!: string;
  @IsText({ max: 200, example: 'Cheshire Constabulary' }) organisation!: string;
  @ApiProperty({ enum: PARTNER_CATEGORIES }) @IsIn(PARTNER_CATEGORIES) partnerCategory!: PartnerCategory;
}

export class ReplaceMemberDto extends SeatDto {
  @IsClientId({ description: 'The id of the person taking the seat.' }) replacementMemberId!: string;
}

export class WithdrawMemberDto extends DatedDto {
  @IsText({ optional: true, max: 500 }) reason?: string | null;
}
