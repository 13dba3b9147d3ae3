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
  ApprovePlanDto,
  CompleteAnnualReviewDto,
  ConsultLscbDto,
  DraftPlanDto,
  OpenConsultationDto,
  PlanParams,
  PublishPlanDto,
  StartAnnualReviewDto,
} from './plan-cycle.dto';

@ApiTags('plan (CYPP)')
@Controller('trusts/:trustId/plans')
export class PlanCycleController extends CommandController {
  constructor(commands: TrustCommandHandler) {
    super(commands);
  }

  @Post()
  @HttpCode(200)
  @CommandDocs("A Children and Young People's Plan is drafted.")
  draft(
    @Param() p: TrustParams,
    @Body() d: DraftPlanDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'DraftPlan',
        data: { occurredAt: d.occurredAt, planId: d.planId, title: d.title, period: d.period },
      },
      who,
      h,
    );
  }

  @Post(':planId/consultation')
  @HttpCode(200)
  @CommandDocs('Consultation on the plan opens.')
  consult(
    @Param() p: PlanParams,
    @Body() d: OpenConsultationDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'OpenPlanConsultation',
        data: { occurredAt: d.occurredAt, planId: p.planId, closesOn: orNull(d.closesOn) },
      },
      who,
      h,
    );
  }

  @Post(':planId/lscb-consultation')
  @HttpCode(200)
  @CommandDocs('The Local Safeguarding Children Board has been consulted on the plan.')
  lscb(
    @Param() p: PlanParams,
    @Body() d: ConsultLscbDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'ConsultLscb',
        data: { occurredAt: d.occurredAt, planId: p.planId, response: orNull(d.response) },
      },
      who,
      h,
    );
  }

  @Post(':planId/approval')
  @HttpCode(200)
  @CommandDocs('The plan is approved (refused until the LSCB was consulted).')
  approve(
    @Param() p: PlanParams,
    @Body() d: ApprovePlanDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      { type: 'ApprovePlan', data: { occurredAt: d.occurredAt, planId: p.planId, approvedBy: d.approvedBy } },
      who,
      h,
    );
  }

  @Post(':planId/publication')
  @HttpCode(200)
  @CommandDocs('The plan is published.')
  publish(
    @Param() p: PlanParams,
    @Body() d: PublishPlanDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      { type: 'PublishPlan', data: { occurredAt: d.occurredAt, planId: p.planId, url: orNull(d.url) } },
      who,
      h,
    );
  }

  @Post(':planId/annual-review')
  @HttpCode(200)
  @CommandDocs("The plan's annual review starts.")
  startReview(
    @Param() p: PlanParams,
    @Body() d: StartAnnualReviewDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'StartPlanAnnualReview',
        data: { occurredAt: d.occurredAt, planId: p.planId, reviewYear: d.reviewYear },
      },
      who,
      h,
    );
  }

  @Post(':planId/annual-review/completion')
  @HttpCode(200)
  @CommandDocs("The plan's annual review is completed.")
  completeReview(
    @Param() p: PlanParams,
    @Body() d: CompleteAnnualReviewDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'CompletePlanAnnualReview',
        data: { occurredAt: d.occurredAt, planId: p.planId, summary: orNull(d.summary) },
      },
      who,
      h,
    );
  }
}
