export { AuditModule } from './audit.module';
export { hashChained, HashChainedEventStore } from './hash-chain/hash-chained-store';
export { eventHash, withoutHashFields, HASH_FIELDS, type HashableEvent } from './hash-chain/event-hash';
export { canonicalJson } from './hash-chain/canonical';
export { verifyChain, type ChainReport, type BrokenLink } from './hash-chain/verify-chain';
export { replayUntil, stateView, type Cut, type Replayed } from './time-travel/as-of';
export { TimeTravel } from './time-travel/time-travel';
export { summarise as summariseEvent } from './time-travel/summaries';
