import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@trustworks/event-store';
import { Public } from '@trustworks/auth';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Liveness and the store's head: a position that stops moving under load is worth an alert. */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'The API is up; the store kind and its head position.' })
  async health(): Promise<{ status: 'ok'; store: { kind: string; position: number | null } }> {
    return { status: 'ok', store: { kind: this.store.kind, position: await this.store.headPosition() } };
  }
}
