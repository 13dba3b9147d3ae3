import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { GOVERNANCE_DOCUMENT_KINDS, type GovernanceDocumentKind } from '@trustworks/trust-domain';
import { DatedDto } from '../../http/command-controller';
import { IsClientId, IsText } from '../../http/validators';

export class DocumentParams {
  @IsClientId() trustId!: string;
  @IsClientId() documentId!: string;
}

export class AdoptDocumentDto extends DatedDto {
  @IsClientId({ example: 'constitution-2009' }) documentId!: string;
  @ApiProperty({ enum: GOVERNANCE_DOCUMENT_KINDS })
  @IsIn(GOVERNANCE_DOCUMENT_KINDS)
  kind!: GovernanceDocumentKind;
  @IsText({ max: 300 }) title!: string;
  @IsText({ max: 50, example: '1.0' }) version!: string;
}

export class SignDocumentDto extends DatedDto {
  @IsText({ max: 200, description: 'The member organisation signing.' }) organisation!: string;
  @IsText({ max: 200 }) signedBy!: string;
}
