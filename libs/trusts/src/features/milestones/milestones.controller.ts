import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@trustworks/auth';
import { TrustCommandHandler, type CommandOptions } from '../../application/command-handler';
import { CommandHeaders } from '../../http/command-context';
import { CommandController, orNull } from '../../http/command-controller';
import { CommandDocs } from '../../http/command-docs';
import { scheduleFrom } from '../propose-trust/propose-trust.controller';
import { TrustParams } from '../trust-queries/trust-queries.dto';
import {
  CompleteMilestoneDto,
  MilestoneParams,
  RebaselineMilestoneDto,
  ScheduleMilestoneDto,
  ScheduleProgrammeDto,
} from './milestones.dto';

@ApiTags('milestones')
@Controller('trusts/:trustId')
export class MilestonesController extends CommandController {
  constructor(commands: TrustCommandHandler) {
    super(commands);
  }

  @Post('milestones')
  @HttpCode(200)
  @CommandDocs('A milestone is scheduled with its baseline due date and dependencies.')
  schedule(
    @Param() p: TrustParams,
    @Body() d: ScheduleMilestoneDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    const { occurredAt, completedBy, phase, gate, ...spec } = d;
    return this.send(
      r,
      p.trustId,
      {
        type: 'ScheduleMilestone',
        data: {
          ...spec,
          occurredAt,
          ...(completedBy ? { completedBy: { ...completedBy } } : {}),
          ...(phase ? { phase } : {}),
          ...(gate ? { gate } : {}),
        },
      },
      who,
      h,
    );
  }

  @Post('programme')
  @HttpCode(200)
  @CommandDocs('A whole programme of milestones is scheduled from a template and its anchor dates.')
  programme(
    @Param() p: TrustParams,
    @Body() d: ScheduleProgrammeDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(r, p.trustId, scheduleFrom(d, d.occurredAt), who, h);
  }

  @Post('milestones/:milestoneId/rebaseline')
  @HttpCode(200)
  @CommandDocs('The milestone gets a new forecast date, with the reason and who approved it.')
  rebaseline(
    @Param() p: MilestoneParams,
    @Body() d: RebaselineMilestoneDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'RebaselineMilestone',
        data: {
          occurredAt: d.occurredAt,
          milestoneId: p.milestoneId,
          newDue: d.newDue,
          reason: d.reason,
          approvedBy: d.approvedBy,
        },
      },
      who,
      h,
    );
  }

  @Post('milestones/:milestoneId/completion')
  @HttpCode(200)
  @CommandDocs('The milestone is completed by hand.')
  complete(
    @Param() p: MilestoneParams,
    @Body() d: CompleteMilestoneDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'CompleteMilestone',
        data: { occurredAt: d.occurredAt, milestoneId: p.milestoneId, note: orNull(d.note) },
      },
      who,
      h,
    );
  }
}
