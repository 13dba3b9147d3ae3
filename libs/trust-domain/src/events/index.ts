export * from './payloads';
export * from './schema';
export * from './calendar-date';
