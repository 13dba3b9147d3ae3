import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@trustworks/auth';
import { ErrorDto } from '@trustworks/trusts/http/response.dto';
import { TrustParams } from '@trustworks/trusts/features/trust-queries/trust-queries.dto';
import { ReminderService } from '../../application/reminder-service';
import {
  AcknowledgeReminderDto,
  IssuedReminderDto,
  ListRemindersQuery,
  ReminderKeyParams,
  ReminderListDto,
  ReminderSettingsDto,
  SnoozeReminderDto,
  TrustRemindersDto,
} from './reminders.dto';

@ApiTags('reminders')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorDto })
@ApiBadRequestResponse({ type: ErrorDto })
@Controller()
export class RemindersController {
  constructor(private readonly reminders: ReminderService) {}

  @Get('trusts/:trustId/reminders')
  @ApiOperation({
    summary: "A trust's upcoming reminders (from its record and settings) and those already issued.",
  })
  @ApiOkResponse({ type: TrustRemindersDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  forTrust(@Param() p: TrustParams, @CurrentPrincipal() who: Principal) {
    return this.reminders.forTrust(p.trustId, who);
  }

  @Get('reminders')
  @ApiOperation({ summary: 'Issued reminders for the trusts you may see, newest first.' })
  @ApiOkResponse({ type: ReminderListDto })
  async list(@Query() q: ListRemindersQuery, @CurrentPrincipal() who: Principal) {
    return { reminders: await this.reminders.list(who, q.open ?? false, q.limit ?? 100) };
  }

  @Post('reminders/:key/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Says the reminder was seen and acted on; it stops counting towards escalation.' })
  @ApiOkResponse({ type: IssuedReminderDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiForbiddenResponse({ type: ErrorDto })
  @ApiConflictResponse({ type: ErrorDto, description: 'Already acknowledged, or changed meanwhile.' })
  acknowledge(
    @Param() p: ReminderKeyParams,
    @Body() d: AcknowledgeReminderDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.reminders.acknowledge(p.key, d.note ?? null, who);
  }

  @Post('reminders/:key/snooze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Brings the reminder back at a later time (within a year).' })
  @ApiOkResponse({ type: IssuedReminderDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiForbiddenResponse({ type: ErrorDto })
  @ApiUnprocessableEntityResponse({
    type: ErrorDto,
    description: 'The time is in the past or over a year away.',
  })
  snooze(@Param() p: ReminderKeyParams, @Body() d: SnoozeReminderDto, @CurrentPrincipal() who: Principal) {
    return this.reminders.snooze(p.key, d.until, d.note ?? null, who);
  }

  @Get('trusts/:trustId/reminder-settings')
  @ApiOperation({ summary: "The trust's reminder settings (defaults where none were set)." })
  @ApiOkResponse({ type: ReminderSettingsDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  settings(@Param() p: TrustParams, @CurrentPrincipal() who: Principal) {
    return this.reminders.settings(p.trustId, who);
  }

  @Put('trusts/:trustId/reminder-settings')
  @ApiOperation({
    summary: 'Changes some reminder settings; those not given keep their value. Recorded as an event.',
  })
  @ApiOkResponse({ type: ReminderSettingsDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  @ApiForbiddenResponse({ type: ErrorDto })
  changeSettings(
    @Param() p: TrustParams,
    @Body() d: ReminderSettingsDto,
    @CurrentPrincipal() who: Principal,
  ) {
    return this.reminders.changeSettings(p.trustId, { ...d }, who);
  }
}
