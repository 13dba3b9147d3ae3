import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsClientId } from '../../http/validators';

export class TrustParams {
  @IsClientId({ description: 'The trust id.' })
  trustId!: string;
}

export class MeetingsQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1, description: 'Page 1 holds the most recently recorded.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;
}
