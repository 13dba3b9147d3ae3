import { createHash } from 'node:crypto';
import { Controller, Get, Header, Inject, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowCalendarToken, CurrentPrincipal, type Principal } from '@trustworks/auth';
import { CLOCK, type Clock } from '@trustworks/platform';
import { ErrorDto } from '@trustworks/trusts/http/response.dto';
import { TrustParams } from '@trustworks/trusts/features/trust-queries/trust-queries.dto';
import { CALENDAR_CONFIG, type CalendarConfig } from '../../calendar-config';
import { baseUrlOf } from '../../adapters/base-url';
import { icalFeed, type FeedHeader } from '../../adapters/ical-feed';
import { MilestoneReadModel, type TrustMilestones } from '../../adapters/milestone-read-model';
import { calendarEntries } from '../../domain/calendar-entry';
import { TrustFeedQuery, UserFeedQuery } from './feeds.dto';

/** Bump when the feed's wording or layout changes, so cached copies are not taken as current. */
const FEED_FORMAT = 1;

const ICS = { 'text/calendar': { schema: { type: 'string' as const } } };
const FEED_HEADERS = {
  ETag: {
    description: 'Weak validator of the feed: send it back as If-None-Match.',
    schema: { type: 'string' },
  },
  'Cache-Control': { schema: { type: 'string', example: 'private, no-cache' } },
};

/**
 * iCalendar feeds a calendar client subscribes to: one all-day event per scheduled milestone on its
 * current forecast date (completed ones on the day they completed), with a UID that survives rebaselines.
 */
@ApiTags('calendar')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorDto, description: 'A malformed owner, minRevision or minPosition.' })
@ApiUnauthorizedResponse({ type: ErrorDto, description: 'No bearer token, or a refused calendar token.' })
@ApiServiceUnavailableResponse({ type: ErrorDto, description: 'PROJECTION_BEHIND.' })
@ApiResponse({ status: 304, description: 'Not modified since the ETag sent as If-None-Match.' })
@Controller()
export class CalendarFeedsController {
  constructor(
    private readonly readModel: MilestoneReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR_CONFIG) private readonly config: CalendarConfig,
  ) {}

  @Get('trusts/:trustId/calendar.ics')
  @AllowCalendarToken()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiOkResponse({
    description: "The trust's milestones as iCalendar (RFC 5545).",
    content: ICS,
    headers: FEED_HEADERS,
  })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such trust, or not one of your authorities.' })
  async trustFeed(
    @Param() params: TrustParams,
    @Query() query: TrustFeedQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const found = await this.readModel.trust(params.trustId, principal, query.minRevision);
    const header = {
      name: `${found.trust.name}: milestones`,
      description: `The implementation milestones of ${found.trust.name}, from Trustworks.`,
    };
    return this.answer([found], header, `trust-${found.trust.trustId}`, query.owner, request, reply);
  }

  @Get('calendar.ics')
  @AllowCalendarToken()
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @ApiOkResponse({
    description: 'The milestones of every trust you may see, as iCalendar (RFC 5545).',
    content: ICS,
    headers: FEED_HEADERS,
  })
  async userFeed(
    @Query() query: UserFeedQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const trusts = await this.readModel.visible(principal, query.minPosition);
    const header = {
      name: query.owner ? `Trustworks milestones: ${query.owner}` : 'Trustworks milestones',
      description: "The implementation milestones of the Children's Trusts you may see, from Trustworks.",
    };
    return this.answer(trusts, header, 'trustworks', query.owner, request, reply);
  }

  private answer(
    trusts: TrustMilestones[],
    header: FeedHeader,
    file: string,
    owner: string | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): string {
    const base = baseUrlOf(this.config, request);
    const etag = feedEtag(base, owner, header, trusts);
    void reply
      .header('ETag', etag)
      .header('Cache-Control', 'private, no-cache')
      .header('Content-Disposition', `inline; filename="${file}.ics"`);
    if (matches(request.headers['if-none-match'], etag)) {
      void reply.status(304);
      return '';
    }
    const entries = trusts
      .flatMap(({ trust, milestones }) => calendarEntries(trust, milestones, base, owner))
      .sort((a, b) => (a.date === b.date ? (a.uid < b.uid ? -1 : 1) : a.date < b.date ? -1 : 1));
    return icalFeed(header, entries, this.clock.now());
  }
}

/** A weak validator over everything the body depends on but DTSTAMP: the same revisions give the same events. */
function feedEtag(
  base: string,
  owner: string | undefined,
  header: FeedHeader,
  trusts: TrustMilestones[],
): string {
  const revisions = trusts.map((t) => [t.trust.trustId, t.trust.revision]);
  const digest = createHash('sha256')
    .update(JSON.stringify([FEED_FORMAT, base, owner ?? null, header, revisions]))
    .digest('base64url');
  return `W/"${digest.slice(0, 27)}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
}
