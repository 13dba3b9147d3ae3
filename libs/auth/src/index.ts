export * from './principal';
export * from './access-policy';
export * from './token-verifier';
export { AuthGuard, Public, AllowCalendarToken, CurrentPrincipal } from './auth.guard';
export { CalendarTokens, CALENDAR_SCOPE } from './calendar-token';
export { AuthModule } from './auth.module';
