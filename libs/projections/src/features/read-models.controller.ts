import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type Principal } from '@trustworks/auth';
import { withEtag } from '@trustworks/trusts/http/command-context';
import { ErrorDto } from '@trustworks/trusts/http/response.dto';
import { TrustParams } from '@trustworks/trusts/features/trust-queries/trust-queries.dto';
import { ReadModelQueries } from '../application/read-model-queries';
import { decisionsCsv } from './decisions-csv';
import { jsonArray, jsonObject } from './json-text';
import {
  DashboardDto,
  DecisionsDto,
  ListTrustsQuery,
  TrustListDto,
  MembershipDto,
  MinPositionQuery,
  MinRevisionQuery,
  TimelineDto,
} from './read-models.dto';

/** The projected read models: portfolio dashboard, programme timeline, decision log, membership. */
@ApiTags('read-models')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDto })
@ApiServiceUnavailableResponse({
  description: 'PROJECTION_BEHIND: the read model did not reach minRevision/minPosition within 2 s.',
  type: ErrorDto,
})
@Controller()
export class ReadModelsController {
  constructor(private readonly queries: ReadModelQueries) {}

  @Get('dashboard')
  @ApiOkResponse({
    type: DashboardDto,
    description: 'Every trust your authorities may see, with RAG and what is due.',
  })
  async dashboard(
    @Query() query: MinPositionQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    await this.queries.atLeast(query.minPosition);
    // A DashboardDto, with each trust's row as JSON worked out once per revision of the trust.
    const body = this.queries.dashboard(principal) satisfies DashboardDto;
    const { today, position, trusts, byPhase } = body;
    return jsonObject(reply, [
      ['today', JSON.stringify(today)],
      ['position', JSON.stringify(position)],
      ['trusts', jsonArray(trusts.map((row) => this.queries.rowJson(row)))],
      ['byPhase', JSON.stringify(byPhase)],
    ]);
  }

  @Get('trusts')
  @ApiOkResponse({
    type: TrustListDto,
    description: 'The trusts your authorities may see, filtered by authority, phase or overdue.',
  })
  async listTrusts(
    @Query() query: ListTrustsQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    await this.queries.atLeast(query.minPosition);
    const trusts = this.queries
      .dashboard(principal)
      .trusts.filter((t) => !query.authority || t.authority === query.authority)
      .filter((t) => !query.phase || t.phase === query.phase)
      .filter((t) => query.overdue === undefined || t.overdueMilestones > 0 === query.overdue)
      .sort((a, b) => a.authority.localeCompare(b.authority) || a.name.localeCompare(b.name));
    // A TrustListDto, as the dashboard is written.
    const body = { trusts } satisfies TrustListDto;
    return jsonObject(reply, [['trusts', jsonArray(body.trusts.map((row) => this.queries.rowJson(row)))]]);
  }

  @Get('trusts/:trustId/timeline')
  @ApiOkResponse({
    type: TimelineDto,
    description: 'Milestones planned vs forecast vs actual, RAG, critical path.',
  })
  @ApiNotFoundResponse({ type: ErrorDto })
  async timeline(
    @Param() params: TrustParams,
    @Query() query: MinRevisionQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TimelineDto> {
    const row = await this.queries.trustHead(params.trustId, principal, query.minRevision);
    return withEtag(reply, this.queries.timeline(row));
  }

  @Get('trusts/:trustId/decisions')
  @ApiOkResponse({ type: DecisionsDto, description: 'The decision log, in recording order.' })
  @ApiNotFoundResponse({ type: ErrorDto })
  async decisions(
    @Param() params: TrustParams,
    @Query() query: MinRevisionQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const row = await this.queries.trustHead(params.trustId, principal, query.minRevision);
    withEtag(reply, row);
    // A DecisionsDto, put together from the log's JSON as last worked out (a long log is most of it).
    return jsonObject(reply, [
      ['trustId', JSON.stringify(row.trustId)],
      ['revision', JSON.stringify(row.revision)],
      ['decisions', this.queries.decisionsJson(row.trustId)],
    ]);
  }

  @Get('trusts/:trustId/decisions.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The decision log as CSV (RFC 4180) for a committee paper.' })
  @ApiNotFoundResponse({ type: ErrorDto })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async decisionsCsv(
    @Param() params: TrustParams,
    @Query() query: MinRevisionQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const row = await this.queries.trustHead(params.trustId, principal, query.minRevision);
    void reply.header('Content-Disposition', `attachment; filename="decisions-${row.trustId}.csv"`);
    return decisionsCsv(this.queries.decisions(row.trustId));
  }

  @Get('trusts/:trustId/membership')
  @ApiOkResponse({
    type: MembershipDto,
    description: 'The membership register and attendance against commitments.',
  })
  @ApiNotFoundResponse({ type: ErrorDto })
  async membership(
    @Param() params: TrustParams,
    @Query() query: MinRevisionQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MembershipDto> {
    const row = await this.queries.trust(params.trustId, principal, query.minRevision);
    return withEtag(reply, {
      trustId: row.trustId,
      revision: row.revision,
      register: row.register,
      attendance: row.attendance,
    });
  }
}
