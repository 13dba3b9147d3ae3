export * from './errors';
export * from './commands';
export {
  type TrustState,
  type TrustSummary,
  type TrustView,
  toSummary,
  toView,
  lifecycleSnapshot,
  recordOf,
} from './state';
export { type Decision, type DecisionContext } from './decide';
export {
  type TrustDomain,
  createTrustDomain,
  defaultLifecycleModel,
  initialState,
  evolve,
  decide,
  allowedCommands,
  replay,
} from './domain';
export { evolveByTransition } from './evolve';
