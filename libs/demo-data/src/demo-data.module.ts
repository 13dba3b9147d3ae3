import { type DynamicModule, Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { TrustsModule } from '@trustworks/trusts';
import { DemoDataController } from './demo-data.controller';
import { DemoDataService } from './demo-data.service';

const DEMO_OPTIONS = Symbol('DEMO_OPTIONS');

interface DemoOptions {
  /** DEMO_DATA=true: load the seed councils into an empty store at start-up. */
  loadAtStart: boolean;
}

@Module({})
export class DemoDataModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly demo: DemoDataService,
    @Inject(DEMO_OPTIONS) private readonly options: DemoOptions,
  ) {}

  static forRoot(options: DemoOptions): DynamicModule {
    return {
      module: DemoDataModule,
      imports: [TrustsModule],
      controllers: [DemoDataController],
      providers: [DemoDataService, { provide: DEMO_OPTIONS, useValue: options }],
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.demo.isStoreEmpty())) return;
    if (this.options.loadAtStart) {
      await this.demo.load();
    } else {
      this.logger.log(
        'The store is empty: load the demo councils with DEMO_DATA=true, POST /demo-data, or the web UI.',
      );
    }
  }
}
