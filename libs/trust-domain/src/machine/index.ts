export * from './trust-lifecycle.machine';
export * from './guards';
export * from './phase';
export * from './model';
export { recordOnlyIndex, isActiveIn, type RecordOnlyIndex } from './introspection';
export * from './record';
