import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@trustworks/auth';
import { TrustCommandHandler, type CommandOptions } from '../../application/command-handler';
import { CommandHeaders } from '../../http/command-context';
import { CommandController, orNull } from '../../http/command-controller';
import { CommandDocs } from '../../http/command-docs';
import { TrustParams } from '../trust-queries/trust-queries.dto';
import { AppointMemberDto, MemberParams, ReplaceMemberDto, WithdrawMemberDto } from './membership.dto';

@ApiTags('membership')
@Controller('trusts/:trustId/members')
export class MembershipController extends CommandController {
  constructor(commands: TrustCommandHandler) {
    super(commands);
  }

  @Post()
  @HttpCode(200)
  @CommandDocs('A member is appointed to the board.')
  appoint(
    @Param() p: TrustParams,
    @Body() d: AppointMemberDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'AppointMember',
        data: {
          occurredAt: d.occurredAt,
          memberId: d.memberId,
          person: d.person,
          role: d.role,
          organisation: d.organisation,
          partnerCategory: d.partnerCategory,
          deputy: orNull(d.deputy),
          minimumAttendance: orNull(d.minimumAttendance),
        },
      },
      who,
      h,
    );
  }

  @Post(':memberId/replacement')
  @HttpCode(200)
  @CommandDocs("Someone else takes the member's seat (same organisation and partner category).")
  replace(
    @Param() p: MemberParams,
    @Body() d: ReplaceMemberDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'ReplaceMember',
        data: {
          occurredAt: d.occurredAt,
          memberId: p.memberId,
          replacementMemberId: d.replacementMemberId,
          person: d.person,
          role: d.role,
          deputy: orNull(d.deputy),
          minimumAttendance: orNull(d.minimumAttendance),
        },
      },
      who,
      h,
    );
  }

  @Post(':memberId/withdrawal')
  @HttpCode(200)
  @CommandDocs('The member leaves the board.')
  withdraw(
    @Param() p: MemberParams,
    @Body() d: WithdrawMemberDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'WithdrawMember',
        data: { occurredAt: d.occurredAt, memberId: p.memberId, reason: orNull(d.reason) },
      },
      who,
      h,
    );
  }
}
