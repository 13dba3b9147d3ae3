export * from './rules';
export * from './requirements';
export * from './register';
