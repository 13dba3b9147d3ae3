import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsClientId } from '../../http/validators';

export class TrustParams {
  @IsClientId({ description: 'The trust id.' })
  trustId!: string;
}

export class ListTrustsQuery {
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

  @ApiPropertyOptional({ description: 'true: only trusts with an overdue milestone.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}
