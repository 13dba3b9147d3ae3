import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessPolicy, CurrentPrincipal, type Principal } from '@trustworks/auth';
import { ApiError, PageQuery, pageOf } from '@trustworks/platform';
import {
  BUILT_IN_TEMPLATES,
  allowedCommands,
  countOf,
  findTemplate,
  membershipRegister,
  newestFirst,
  toSummary,
  type MeetingRecord,
  type ProgrammeTemplate,
  type TrustState,
  type TrustSummary,
} from '@trustworks/trust-domain';
import { TrustRepository } from '../../application/trust-repository';
import { withEtag } from '../../http/command-context';
import { ErrorDto } from '../../http/response.dto';
import { TrustParams } from './trust-queries.dto';

/**
 * What GET /trusts/:id shows of a state, worked out once per state: states are never changed (each
 * event gives a new one) and the repository keeps the current one, so until the trust changes every
 * read shares the same view, register and next commands. Nothing changes the answer either: it is
 * only serialised.
 */
const views = new WeakMap<TrustState, Omit<TrustAnswer, 'revision'>>();

interface TrustAnswer {
  revision: number;
  trust: TrustSummary;
  membershipRegister: ReturnType<typeof membershipRegister>;
  allowedCommands: ReturnType<typeof allowedCommands>;
}

interface MeetingsPage {
  revision: number;
  page: number;
  pageSize: number;
  total: number;
  meetings: MeetingRecord[];
}

function viewOf(state: TrustState): Omit<TrustAnswer, 'revision'> {
  let view = views.get(state);
  if (view === undefined) {
    view = {
      trust: toSummary(state),
      membershipRegister: membershipRegister(state),
      allowedCommands: allowedCommands(state),
    };
    views.set(state, view);
  }
  return view;
}

@ApiTags('trusts')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDto })
@Controller()
export class TrustQueriesController {
  constructor(private readonly trusts: TrustRepository) {}

  /** The trust now, if it exists and the caller may read it (another authority's trust is a 404 too). */
  private async readable(
    trustId: string,
    principal: Principal,
  ): Promise<{ state: TrustState; revision: number }> {
    const loaded = await this.trusts.load(trustId);
    if (loaded.revision === null) throw ApiError.notFound('trust', trustId);
    AccessPolicy.assertRead(principal, loaded.state.authority, trustId);
    return { state: loaded.state, revision: loaded.revision };
  }

  @Get('trusts/:trustId')
  @ApiOkResponse({
    description:
      'The trust now: phase, key issues, members and the statutory register, milestones, allowed next commands, and how many meetings and decisions it has recorded (listed a page at a time at /trusts/{trustId}/meetings and /trusts/{trustId}/decisions).',
    headers: { ETag: { description: 'The trust stream revision.', schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ type: ErrorDto })
  async getTrust(
    @Param() params: TrustParams,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { state, revision } = await this.readable(params.trustId, principal);
    return withEtag(reply, { revision, ...viewOf(state) });
  }

  @Get('trusts/:trustId/meetings')
  @ApiOkResponse({
    description:
      'The meetings the trust has recorded, a page at a time, the most recently recorded first, as of the revision in the ETag.',
    headers: { ETag: { description: 'The trust stream revision.', schema: { type: 'string' } } },
  })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async meetings(
    @Param() params: TrustParams,
    @Query() query: PageQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeetingsPage> {
    const { state, revision } = await this.readable(params.trustId, principal);
    const { page, pageSize, skip } = pageOf(query);
    return withEtag(reply, {
      revision,
      page,
      pageSize,
      total: countOf(state.meetings),
      meetings: newestFirst(state.meetings, skip, pageSize),
    });
  }

  @Get('templates')
  @ApiOkResponse({ description: 'The built-in programme templates (Cheshire East, Haringey, Dudley).' })
  templates(): { templates: ProgrammeTemplate[] } {
    return { templates: [...BUILT_IN_TEMPLATES] };
  }

  @Get('templates/:templateId')
  @ApiOkResponse({ description: 'One programme template.' })
  @ApiNotFoundResponse({ type: ErrorDto })
  template(@Param('templateId') templateId: string): ProgrammeTemplate {
    const template = findTemplate(templateId);
    if (!template)
      throw new NotFoundException({ code: 'NOT_FOUND', message: `There is no template "${templateId}".` });
    return template;
  }
}
