import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@trustworks/auth';
import { TrustCommandHandler, type CommandOptions } from '../../application/command-handler';
import { CommandHeaders } from '../../http/command-context';
import { CommandController, orNull } from '../../http/command-controller';
import { CommandDocs } from '../../http/command-docs';
import { TrustParams } from '../trust-queries/trust-queries.dto';
import { RecordDecisionDto, RecordMeetingDto } from './meetings-and-decisions.dto';

@ApiTags('meetings and decisions')
@Controller('trusts/:trustId')
export class MeetingsAndDecisionsController extends CommandController {
  constructor(commands: TrustCommandHandler) {
    super(commands);
  }

  @Post('meetings')
  @HttpCode(200)
  @CommandDocs('A meeting and its attendance are recorded (board members may record attendance).')
  meeting(
    @Param() p: TrustParams,
    @Body() d: RecordMeetingDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'RecordMeeting',
        data: {
          occurredAt: d.occurredAt,
          meetingId: d.meetingId,
          body: d.body,
          attendees: d.attendees,
          apologies: d.apologies,
          quorumMet: d.quorumMet,
        },
      },
      who,
      h,
      'attendance',
    );
  }

  @Post('decisions')
  @HttpCode(200)
  @CommandDocs('A decision is recorded with its tier, lead agency and rationale.')
  decision(
    @Param() p: TrustParams,
    @Body() d: RecordDecisionDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'RecordDecision',
        data: {
          occurredAt: d.occurredAt,
          decisionId: d.decisionId,
          title: d.title,
          tier: d.tier,
          leadAgency: d.leadAgency,
          rationale: d.rationale,
          meetingId: orNull(d.meetingId),
          effectiveFrom: d.effectiveFrom,
        },
      },
      who,
      h,
    );
  }
}
