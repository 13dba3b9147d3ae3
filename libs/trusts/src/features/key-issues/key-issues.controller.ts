import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@trustworks/auth';
import { TrustCommandHandler, type CommandOptions } from '../../application/command-handler';
import { CommandHeaders } from '../../http/command-context';
import { CommandController, orNull } from '../../http/command-controller';
import { CommandDocs } from '../../http/command-docs';
import { AgreeKeyIssueDto, KeyIssueParams, ProposeKeyIssueDto, ReopenKeyIssueDto } from './key-issues.dto';

@ApiTags('key issues')
@Controller('trusts/:trustId/key-issues/:keyIssue')
export class KeyIssuesController extends CommandController {
  constructor(commands: TrustCommandHandler) {
    super(commands);
  }

  @Post('proposal')
  @HttpCode(200)
  @CommandDocs('A proposal on one of the eight key issues is put to the implementation board.')
  propose(
    @Param() p: KeyIssueParams,
    @Body() d: ProposeKeyIssueDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'ProposeKeyIssue',
        data: { occurredAt: d.occurredAt, keyIssue: p.keyIssue, proposal: d.proposal },
      },
      who,
      h,
    );
  }

  @Post('agreement')
  @HttpCode(200)
  @CommandDocs('The implementation board agrees the key issue.')
  agree(
    @Param() p: KeyIssueParams,
    @Body() d: AgreeKeyIssueDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'AgreeKeyIssue',
        data: {
          occurredAt: d.occurredAt,
          keyIssue: p.keyIssue,
          summary: orNull(d.summary),
          meetingId: orNull(d.meetingId),
        },
      },
      who,
      h,
    );
  }

  @Post('reopening')
  @HttpCode(200)
  @CommandDocs('An agreed key issue is reopened, with the reason.')
  reopen(
    @Param() p: KeyIssueParams,
    @Body() d: ReopenKeyIssueDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      { type: 'ReopenKeyIssue', data: { occurredAt: d.occurredAt, keyIssue: p.keyIssue, reason: d.reason } },
      who,
      h,
    );
  }
}
