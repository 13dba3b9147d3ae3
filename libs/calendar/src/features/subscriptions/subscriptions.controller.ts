import { Body, Controller, Inject, Post, Req } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CALENDAR_SCOPE, CalendarTokens, CurrentPrincipal, type Principal } from '@trustworks/auth';
import { ErrorDto } from '@trustworks/trusts/http/response.dto';
import { CALENDAR_CONFIG, type CalendarConfig } from '../../calendar-config';
import { baseUrlOf } from '../../adapters/base-url';
import { MilestoneReadModel } from '../../adapters/milestone-read-model';
import { CalendarSubscriptionDto, CreateCalendarSubscriptionDto } from './subscriptions.dto';

const DAY_SECONDS = 86_400;

/**
 * A feed address for a calendar client that cannot send an Authorization header: it carries a
 * calendar-only token with the caller's subject and authorities, accepted by the .ics routes alone.
 * Nothing is stored: rotating CALENDAR_TOKEN_SECRET revokes every address at once.
 */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar/subscriptions')
export class CalendarSubscriptionsController {
  constructor(
    private readonly tokens: CalendarTokens,
    private readonly readModel: MilestoneReadModel,
    private readonly jwt: JwtService,
    @Inject(CALENDAR_CONFIG) private readonly config: CalendarConfig,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: CalendarSubscriptionDto, description: 'A new feed address.' })
  @ApiBadRequestResponse({ type: ErrorDto })
  @ApiUnauthorizedResponse({ type: ErrorDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'No such trust, or not one of your authorities.' })
  @ApiServiceUnavailableResponse({
    type: ErrorDto,
    description: 'CALENDAR_SUBSCRIPTIONS_DISABLED: no calendar secret is configured.',
  })
  async create(
    @Body() body: CreateCalendarSubscriptionDto,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<CalendarSubscriptionDto> {
    if (body.trustId !== undefined) await this.readModel.trust(body.trustId, principal);
    const token = this.tokens.sign(principal, this.config.tokenTtlDays * DAY_SECONDS);
    const path =
      body.trustId === undefined
        ? '/calendar.ics'
        : `/trusts/${encodeURIComponent(body.trustId)}/calendar.ics`;
    const query = new URLSearchParams({ token });
    if (body.owner !== undefined) query.set('owner', body.owner);
    const feedUrl = `${baseUrlOf(this.config, request)}${path}?${query.toString()}`;
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return {
      feedUrl,
      webcalUrl: feedUrl.replace(/^https?:/, 'webcal:'),
      scope: CALENDAR_SCOPE,
      expiresAt: new Date(exp * 1000).toISOString(),
      trustId: body.trustId ?? null,
    };
  }
}
