import { Module } from '@nestjs/common';
import { TrustStreamReader } from './application/trust-stream-reader';
import { AuditController } from './features/audit.controller';

/**
 * Audit: time travel, history, export and tamper evidence over the trust streams. The hash chain
 * itself is applied where the store is built: `EventStoreModule.forRoot(config, hashChained)`.
 */
@Module({
  controllers: [AuditController],
  providers: [TrustStreamReader],
})
export class AuditModule {}
