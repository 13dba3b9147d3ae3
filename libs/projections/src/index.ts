export { ProjectionsModule, projectionsDatabasePath, type ProjectionsConfig } from './projections.module';
export { Projector, TRUST_READ_MODELS } from './application/projector';
export { catchUp, type CatchUpProgress } from './application/catch-up';
export {
  discardUnfinishedRebuild,
  rebuildByTrust,
  rebuildReadModels,
  REBUILD_HEAD,
  REBUILD_FRONT,
  REBUILD_BACK,
  type RebuildOptions,
  type RebuildProgress,
  type StreamListingStore,
} from './application/rebuild';
export { ReadModelQueries } from './application/read-model-queries';
export { ProjectionDb, type TrustHead, type TrustRow, type DecisionRow } from './store/projection-db';
export {
  timelineOf,
  criticalPathOf,
  slippageOf,
  ragOf,
  worstRag,
  DEFAULT_THRESHOLDS,
  type MilestoneFacts,
  type RagThresholds,
  type Timeline,
  type TimelineMilestone,
} from './domain/timeline';
export { toCsv, csvField } from './domain/csv';
export { milestoneFactsOf } from './domain/trust-rows';
