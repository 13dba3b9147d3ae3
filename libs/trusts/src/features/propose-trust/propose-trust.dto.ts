import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { GOVERNANCE_MODELS, type GovernanceModel } from '@trustworks/trust-domain';
import { IsCalendarDate, IsClientId, IsText } from '../../http/validators';

export class ProgrammeTemplateChoiceDto {
  @IsClientId({ description: 'A built-in template id (GET /templates), e.g. cheshire-east-day-1-year-1.' })
  templateId!: string;

  @ApiProperty({
    description:
      'Anchor dates the template needs, by name (e.g. { "approval": "2008-10-31", "vesting-day": "2009-04-01" }).',
    type: 'object',
    additionalProperties: { type: 'string', format: 'date' },
  })
  @IsObject()
  anchors!: Record<string, string>;
}

export class ProposeTrustDto {
  @IsCalendarDate({ description: 'The day the trust was proposed.', example: '2008-10-01' })
  occurredAt!: string;

  @IsClientId({
    description: 'The local authority (tenancy key), e.g. cheshire-east.',
    example: 'cheshire-east',
  })
  authority!: string;

  @IsText({ max: 200, example: "Cheshire East Children's Trust" })
  name!: string;

  @ApiProperty({ enum: GOVERNANCE_MODELS })
  @IsIn(GOVERNANCE_MODELS)
  governanceModel!: GovernanceModel;

  @ApiProperty({ type: 'integer', example: 0 }) @IsInt() @Min(0) @Max(25) ageFrom!: number;
  @ApiProperty({ type: 'integer', example: 19 }) @IsInt() @Min(0) @Max(25) ageTo!: number;

  @ApiPropertyOptional({ type: 'integer', example: 25, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(30)
  ageExtendedTo?: number | null;

  @IsText({ optional: true, max: 200, description: 'The partnership it reports to (LSP...).' })
  parentPartnership?: string | null;

  @ApiProperty({ description: 'A new authority that comes into being on its vesting day.' })
  @IsBoolean()
  newAuthority!: boolean;

  @IsCalendarDate({ optional: true, description: 'Required for a new authority.' })
  vestingDay?: string | null;

  @ApiProperty({ description: 'A two-tier area must have every district council at the table.' })
  @IsBoolean()
  twoTierArea!: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  districtCouncils?: string[];

  @ApiPropertyOptional({
    type: ProgrammeTemplateChoiceDto,
    description: 'Schedule a programme from a template too.',
  })
  @IsOptional()
  @IsObject({ message: 'template must be an object: { "templateId": ..., "anchors": { ... } }' })
  @ValidateNested()
  @Type(() => ProgrammeTemplateChoiceDto)
  template?: ProgrammeTemplateChoiceDto;
}
