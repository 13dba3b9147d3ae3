import { ApiProperty } from '@nestjs/swagger';

export class ErrorDto {
  @ApiProperty({ example: 422 }) statusCode!: number;
  @ApiProperty({
    example: 'TRUST.KEY_ISSUES_OPEN',
    description: 'Stable: branch on this, not on the message.',
  })
  code!: string;
  @ApiProperty({
    example: 'The board cannot be inaugurated while key issues are open: governance, membership.',
  })
  message!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
}

export class EventRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'KeyIssueAgreed' }) type!: string;
}

export class CommandResultDto {
  @ApiProperty() trustId!: string;
  @ApiProperty({ description: 'The trust stream revision after the command (also the ETag).' })
  revision!: number;
  @ApiProperty({ type: [EventRefDto] }) events!: EventRefDto[];
  @ApiProperty({ description: 'True when this answers a retried Idempotency-Key: nothing new was written.' })
  replayed!: boolean;
}
