import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsClientId } from '@trustworks/trusts/http/validators';

export class CreateCalendarSubscriptionDto {
  @IsClientId({
    optional: true,
    description:
      "A trust's feed (GET /trusts/{trustId}/calendar.ics); absent, the feed of every trust you may see.",
    example: 'demo-cheshire-east',
  })
  trustId?: string;

  @ApiPropertyOptional({ description: 'Only the milestones of this owner.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  owner?: string;
}

export class CalendarSubscriptionDto {
  @ApiProperty({
    description:
      'The feed address to subscribe to (Outlook: Add calendar, Subscribe from web). It carries a token: keep it private.',
    example: 'https://trustworks.example/trusts/demo-cheshire-east/calendar.ics?token=eyJ...',
  })
  feedUrl!: string;

  @ApiProperty({ description: 'The same address as webcal://, which opens the calendar application.' })
  webcalUrl!: string;

  @ApiProperty({
    example: 'calendar:read',
    description: 'What the token grants: reading the .ics feeds, nothing else.',
  })
  scope!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'When the address stops working; ask for a new one then.',
  })
  expiresAt!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The trust of the feed, or null for all your trusts.',
  })
  trustId!: string | null;
}
