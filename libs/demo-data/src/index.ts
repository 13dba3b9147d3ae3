export { DemoDataModule } from './demo-data.module';
export { DemoDataService, DEMO_COUNCILS, type DemoLoadResult } from './demo-data.service';
export type { DemoCouncil } from './councils/builders';
