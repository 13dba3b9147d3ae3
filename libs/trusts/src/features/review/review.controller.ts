import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@trustworks/auth';
import { TrustCommandHandler, type CommandOptions } from '../../application/command-handler';
import { CommandHeaders } from '../../http/command-context';
import { CommandController, orNull } from '../../http/command-controller';
import { CommandDocs } from '../../http/command-docs';
import { TrustParams } from '../trust-queries/trust-queries.dto';
import { RecordOutcomeDto, StartReviewDto } from './review.dto';

@ApiTags('review')
@Controller('trusts/:trustId/review')
export class ReviewController extends CommandController {
  constructor(commands: TrustCommandHandler) {
    super(commands);
  }

  @Post()
  @HttpCode(200)
  @CommandDocs('A review of the trust arrangements (such as the 2011 review) starts.')
  start(
    @Param() p: TrustParams,
    @Body() d: StartReviewDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      { type: 'StartTrustReview', data: { occurredAt: d.occurredAt, reason: orNull(d.reason) } },
      who,
      h,
    );
  }

  @Post('outcome')
  @HttpCode(200)
  @CommandDocs('The review outcome is recorded (a closing outcome is final).')
  outcome(
    @Param() p: TrustParams,
    @Body() d: RecordOutcomeDto,
    @CurrentPrincipal() who: Principal,
    @CommandHeaders() h: CommandOptions,
    @Res({ passthrough: true }) r: FastifyReply,
  ) {
    return this.send(
      r,
      p.trustId,
      {
        type: 'RecordReviewOutcome',
        data: {
          occurredAt: d.occurredAt,
          outcome: d.outcome,
          newName: orNull(d.newName),
          successorBody: orNull(d.successorBody),
          localTrusts: orNull(d.localTrusts),
          plan: orNull(d.plan),
          notes: orNull(d.notes),
        },
      },
      who,
      h,
    );
  }
}
