import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@trustworks/auth';
import { TrustCommandHandler, type CommandOptions } from '../../application/command-handler';
import { CommandHeaders } from '../../http/command-context';
import { CommandController } from '../../http/command-controller';
import { CommandDocs } from '../../http/command-docs';
import { TrustParams } from '../trust-queries/trust-queries.dto';
import { AdoptDocumentDto, DocumentParams, SignDocumentDto } from './governance-documents.dto';

@ApiTags('governance documents')
@Controller('trusts/:trustId/governance-documents')
export class GovernanceDocumentsController extends CommandController {
  constructor(commands: TrustCommandHandler) {
    super(commands);
  }

  @Post()
  @HttpCode(200)
  @CommandDocs('A governance document (constitution, protocol, terms of reference, agreement) is adopted.')
  adopt(
    @Param() p: TrustParams,
    @Body() d: AdoptDocumentDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'AdoptGovernanceDocument',
        data: {
          occurredAt: d.occurredAt,
          documentId: d.documentId,
          kind: d.kind,
          title: d.title,
          version: d.version,
        },
      },
      who,
      h,
    );
  }

  @Post(':documentId/signatures')
  @HttpCode(200)
  @CommandDocs('A partner organisation signs the document.')
  sign(
    @Param() p: DocumentParams,
    @Body() d: SignDocumentDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'SignGovernanceDocument',
        data: {
          occurredAt: d.occurredAt,
          documentId: p.documentId,
          organisation: d.organisation,
          signedBy: d.signedBy,
        },
      },
      who,
      h,
    );
  }
}
