import { type DynamicModule, Module } from '@nestjs/common';
import { EventStoreModule } from '@trustworks/event-store';
import type { AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';

/** Composition only: each capability lives in its own library under libs/. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [EventStoreModule.forRoot(config.eventStore)],
      controllers: [HealthController],
    };
  }
}
