/**
 * @trustworks/trust-domain: the pure core of a Children's Trust (Children Act 2004 s.10): the event
 * catalogue, the lifecycle machine, the dated statutory membership rules and the decider.
 * No Nest, no I/O, no clock, no randomness.
 */
export * from './vocabulary';
export * from './events';
export * from './machine';
export * from './statutory';
export * from './decider';
export * from './templates';
