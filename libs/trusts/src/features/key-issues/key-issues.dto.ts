import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { KEY_ISSUES, type KeyIssue } from '@trustworks/trust-domain';
import { DatedDto } from '../../http/command-controller';
import { IsClientId, IsText } from '../../http/validators';

export class KeyIssueParams {
  @IsClientId() trustId!: string;
  @ApiProperty({ enum: KEY_ISSUES })
  @IsIn(KEY_ISSUES, { message: `keyIssue must be one of ${KEY_ISSUES.join(', ')}` })
  keyIssue!: KeyIssue;
}

export class ProposeKeyIssueDto extends DatedDto {
  @IsText({ max: 4000, description: 'What the implementation board is asked to agree.' }) proposal!: string;
}

export class AgreeKeyIssueDto extends DatedDto {
  @IsText({ optional: true, max: 4000 }) summary?: string | null;
  @IsClientId({ optional: true, description: 'The meeting at which it was agreed.' }) meetingId?:
    string | null;
}

export class ReopenKeyIssueDto extends DatedDto {
  @IsText({ max: 2000 }) reason!: string;
}
