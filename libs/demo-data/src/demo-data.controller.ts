import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@trustworks/auth';
import { ApiError } from '@trustworks/platform';
import { DEMO_COUNCILS, DemoDataService, type DemoLoadResult } from './demo-data.service';

@ApiTags('demo data')
@ApiBearerAuth()
@Controller('demo-data')
export class DemoDataController {
  constructor(private readonly demo: DemoDataService) {}

  @Get()
  @ApiOkResponse({ description: 'Whether the store is empty, and the demo councils on offer.' })
  async offer(): Promise<{
    storeEmpty: boolean;
    councils: Array<{ trustId: string; authority: string; source: string }>;
  }> {
    return {
      storeEmpty: await this.demo.isStoreEmpty(),
      councils: DEMO_COUNCILS.map(({ trustId, authority, source }) => ({ trustId, authority, source })),
    };
  }

  @Post()
  @HttpCode(200)
  @ApiOkResponse({
    description: 'Loads Cheshire East, Haringey and Dudley; councils already loaded are skipped.',
  })
  @ApiForbiddenResponse({ description: 'Only a programme manager or an administrator may load demo data.' })
  async load(@CurrentPrincipal() principal: Principal): Promise<DemoLoadResult> {
    if (!principal.roles.some((r) => r === 'admin' || r === 'programme-manager')) {
      throw new ApiError(
        403,
        'FORBIDDEN',
        'Only a programme manager or an administrator may load the demo councils.',
      );
    }
    return this.demo.load();
  }
}
