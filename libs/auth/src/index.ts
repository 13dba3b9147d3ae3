export * from './principal';
export * from './access-policy';
export * from './token-verifier';
export { AuthGuard, Public, CurrentPrincipal } from './auth.guard';
export { AuthModule } from './auth.module';
