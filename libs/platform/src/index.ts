export * from './http/api-error';
export * from './http/error.filter';
export * from './http/validation';
export * from './runtime/clock';
export * from './time/london';
export * from './runtime/in-turn';
export * from './http/page-query';
