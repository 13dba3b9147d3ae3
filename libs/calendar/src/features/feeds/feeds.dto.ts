import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';

/** What both feeds accept: the calendar token (for clients that cannot send headers) and an owner filter. */
export class FeedQuery {
  @ApiPropertyOptional({
    description:
      'A calendar token from POST /calendar/subscriptions, for calendar clients (Outlook) that cannot send an ' +
      'Authorization header. Only the .ics routes accept it; it grants nothing else.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  token?: string;

  @ApiPropertyOptional({
    description: "Only the milestones of this owner (the milestone's owner as written; case is ignored).",
    example: "Children's Trust Implementation Board",
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  owner?: string;
}

export class TrustFeedQuery extends FeedQuery {
  @ApiPropertyOptional({
    description:
      'Read your own write: the ETag revision your command returned. Waits up to 2 s, then 503 PROJECTION_BEHIND.',
    minimum: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minRevision?: number;
}

export class UserFeedQuery extends FeedQuery {
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
