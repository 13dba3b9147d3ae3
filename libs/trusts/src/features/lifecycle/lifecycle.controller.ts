import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@trustworks/auth';
import { TrustCommandHandler, type CommandOptions } from '../../application/command-handler';
import { CommandHeaders } from '../../http/command-context';
import { CommandController, orNull } from '../../http/command-controller';
import { CommandDocs } from '../../http/command-docs';
import { TrustParams } from '../trust-queries/trust-queries.dto';
import {
  AppointFacilitatorDto,
  ConveneBoardDto,
  DcsInPostDto,
  EstablishBusinessUnitDto,
  GiveApprovalDto,
  InaugurateBoardDto,
  VestingDayDto,
} from './lifecycle.dto';

@ApiTags('lifecycle')
@Controller('trusts/:trustId')
export class LifecycleController extends CommandController {
  constructor(commands: TrustCommandHandler) {
    super(commands);
  }

  @Post('approval')
  @HttpCode(200)
  @CommandDocs('Approval to proceed is recorded.')
  approve(
    @Param() p: TrustParams,
    @Body() d: GiveApprovalDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'GiveApprovalToProceed',
        data: { occurredAt: d.occurredAt, approvedBy: d.approvedBy, reference: orNull(d.reference) },
      },
      who,
      h,
    );
  }

  @Post('facilitator')
  @HttpCode(200)
  @CommandDocs('The facilitator (business unit development manager) is recorded.')
  facilitator(
    @Param() p: TrustParams,
    @Body() d: AppointFacilitatorDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      { type: 'AppointFacilitator', data: { occurredAt: d.occurredAt, person: d.person, role: d.role } },
      who,
      h,
    );
  }

  @Post('dcs-in-post')
  @HttpCode(200)
  @CommandDocs("The Director of Children's Services taking up post is recorded.")
  dcsInPost(
    @Param() p: TrustParams,
    @Body() d: DcsInPostDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'RecordDirectorOfChildrensServicesInPost',
        data: { occurredAt: d.occurredAt, person: d.person },
      },
      who,
      h,
    );
  }

  @Post('implementation-board')
  @HttpCode(200)
  @CommandDocs('The implementation (shadow) board is convened.')
  convene(
    @Param() p: TrustParams,
    @Body() d: ConveneBoardDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'ConveneImplementationBoard',
        data: { occurredAt: d.occurredAt, boardName: d.boardName, chair: d.chair },
      },
      who,
      h,
    );
  }

  @Post('vesting-day')
  @HttpCode(200)
  @CommandDocs('Vesting day of the new authority is recorded.')
  vestingDay(
    @Param() p: TrustParams,
    @Body() d: VestingDayDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(r, p.trustId, { type: 'RecordVestingDay', data: { occurredAt: d.occurredAt } }, who, h);
  }

  @Post('business-unit')
  @HttpCode(200)
  @CommandDocs('The business unit is established.')
  businessUnit(
    @Param() p: TrustParams,
    @Body() d: EstablishBusinessUnitDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'EstablishBusinessUnit',
        data: {
          occurredAt: d.occurredAt,
          manager: orNull(d.manager),
          fundingSource: orNull(d.fundingSource),
          website: orNull(d.website),
        },
      },
      who,
      h,
    );
  }

  @Post('inauguration')
  @HttpCode(200)
  @CommandDocs(
    "The full Children's Trust Board is inaugurated (refused, naming why, while anything it needs is open).",
  )
  inaugurate(
    @Param() p: TrustParams,
    @Body() d: InaugurateBoardDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      { type: 'InaugurateBoard', data: { occurredAt: d.occurredAt, boardName: d.boardName, chair: d.chair } },
      who,
      h,
    );
  }
}
