import { type DynamicModule, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { CalendarTokens } from '@trustworks/auth';
import { CLOCK, systemClock } from '@trustworks/platform';
import { CALENDAR_CONFIG, type CalendarConfig } from './calendar-config';
import { MilestoneReadModel } from './adapters/milestone-read-model';
import { CalendarFeedsController } from './features/feeds/calendar-feeds.controller';
import { CalendarSubscriptionsController } from './features/subscriptions/subscriptions.controller';

/**
 * iCalendar feeds of the trusts' milestones (per trust and per user) and the feed addresses a
 * calendar client subscribes to. Reads the projections' read models; writes nothing.
 */
@Module({})
export class CalendarModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Calendar');

  constructor(private readonly tokens: CalendarTokens) {}

  static forRoot(config: CalendarConfig): DynamicModule {
    return {
      module: CalendarModule,
      imports: [JwtModule.register({})],
      controllers: [CalendarFeedsController, CalendarSubscriptionsController],
      providers: [
        MilestoneReadModel,
        { provide: CALENDAR_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
      ],
    };
  }

  onApplicationBootstrap(): void {
    if (!this.tokens.enabled) {
      this.logger.warn(
        'Calendar subscriptions are off: no CALENDAR_TOKEN_SECRET (or JWT_SECRET) is set. The .ics feeds still answer bearer tokens.',
      );
    }
  }
}
