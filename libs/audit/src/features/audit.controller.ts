import { Controller, Get, Header, Inject, Param, Query, Res } from '@nestjs/common';
import { CLOCK, PageQuery, pageOf, type Clock } from '@trustworks/platform';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@trustworks/auth';
import { ErrorDto } from '@trustworks/trusts/http/response.dto';
import { TrustParams } from '@trustworks/trusts/features/trust-queries/trust-queries.dto';
import { TrustStreamReader } from '../application/trust-stream-reader';
import { verifyChain } from '../hash-chain/verify-chain';
import { recordedAtOf, stateView, type Cut, type Replayed } from '../time-travel/as-of';
import { londonDate } from '@trustworks/platform';
import { TimeTravel } from '../time-travel/time-travel';
import { cutOf, windowOf } from '../time-travel/cut';
import { eventLine } from '../time-travel/event-line';
import { ChangesDto, ChangesQuery, HistoryPageDto, StateQuery, TrustStateDto, VerifyDto } from './audit.dto';

/** Replay, history, export and verification of one trust's stream: what an auditor asks for. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDto })
@ApiNotFoundResponse({ description: 'No such trust, or not one your authorities may see.', type: ErrorDto })
@Controller('trusts/:trustId')
export class AuditController {
  constructor(
    private readonly reader: TrustStreamReader,
    private readonly travel: TimeTravel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('state')
  @ApiOkResponse({ type: TrustStateDto, description: 'The trust as it stood at asOf (or revision).' })
  @ApiBadRequestResponse({ type: ErrorDto })
  async state(
    @Param() params: TrustParams,
    @Query() query: StateQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TrustStateDto> {
    const cut = cutOf(query);
    await this.reader.authorise(params.trustId, principal);
    const replayed = await this.travel.replay(params.trustId, cut);
    return {
      trustId: params.trustId,
      query: { ...query, basis: query.revision !== undefined ? 'revision' : (query.basis ?? 'recorded') },
      ...stateView(replayed, this.dayOf(cut, replayed)),
    };
  }

  @Get('changes')
  @ApiOkResponse({ type: ChangesDto, description: 'Events recorded in the window, oldest first.' })
  @ApiBadRequestResponse({ type: ErrorDto })
  async changes(
    @Param() params: TrustParams,
    @Query() query: ChangesQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ChangesDto> {
    const { start, end } = windowOf(query.from, query.to);
    await this.reader.authorise(params.trustId, principal);
    const changes = (await this.reader.all(params.trustId))
      .filter((e) => recordedAtOf(e) >= start.getTime() && recordedAtOf(e) < end.getTime())
      .map(eventLine);
    return { trustId: params.trustId, from: start.toISOString(), to: end.toISOString(), changes };
  }

  @Get('history')
  @ApiOkResponse({
    type: HistoryPageDto,
    description: 'The stream, a page at a time, with actor and authority.',
  })
  async history(
    @Param() params: TrustParams,
    @Query() query: PageQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HistoryPageDto> {
    await this.reader.authorise(params.trustId, principal);
    const { page, pageSize, skip } = pageOf(query);
    const last = await this.reader.lastRevision(params.trustId);
    const events = await this.reader.page(params.trustId, skip, pageSize);
    return {
      trustId: params.trustId,
      page,
      pageSize,
      total: (last ?? -1) + 1,
      events: events.map(eventLine),
    };
  }

  @Get('history.jsonl')
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: 'The whole stream as JSON Lines, one stored event a line, hashes included.' })
  @Header('Content-Type', 'application/x-ndjson; charset=utf-8')
  async export(
    @Param() params: TrustParams,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    await this.reader.authorise(params.trustId, principal);
    void reply.header('Content-Disposition', `attachment; filename="trust-${params.trustId}.jsonl"`);
    const lines: string[] = [];
    for await (const event of this.reader.stream(params.trustId)) lines.push(`${JSON.stringify(event)}\n`);
    return lines.join('');
  }

  @Get('verify')
  @ApiOkResponse({ type: VerifyDto, description: 'Recomputes the hash chain; names the first broken link.' })
  async verify(@Param() params: TrustParams, @CurrentPrincipal() principal: Principal): Promise<VerifyDto> {
    await this.reader.authorise(params.trustId, principal);
    return verifyChain(this.reader.stream(params.trustId));
  }

  /** The day the past timeline is judged on: the replay date, or for a revision the day it records. */
  private dayOf(cut: Cut, replayed: Replayed): string {
    if (cut.basis === 'occurred') return cut.onOrBefore;
    if (cut.basis === 'recorded') return londonDate(new Date(cut.before.getTime() - 1));
    return replayed.state.lastOccurredOn ?? londonDate(this.clock.now());
  }
}
