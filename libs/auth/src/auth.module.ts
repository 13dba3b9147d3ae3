import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { AuthGuard } from './auth.guard';
import type { AuthConfig } from './principal';
import { TokenVerifier } from './token-verifier';
import { CalendarTokens } from './calendar-token';

@Module({})
export class AuthModule {
  static forRoot(config: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      imports: [JwtModule.register({})],
      providers: [
        {
          provide: TokenVerifier,
          useFactory: (jwt: JwtService) => new TokenVerifier(jwt, config),
          inject: [JwtService],
        },
        {
          provide: CalendarTokens,
          useFactory: (jwt: JwtService) => new CalendarTokens(jwt, config),
          inject: [JwtService],
        },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier, CalendarTokens],
    };
  }
}
