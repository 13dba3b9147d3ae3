import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';
import { resolve } from 'node:path';
import type { EventStoreConfig } from '@trustworks/event-store';

/** The environment the API reads, checked at start-up so a bad setting stops it with a clear message. */
class Environment {
  @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() @MinLength(1) HOST?: string;
  @IsOptional() @IsIn(['sqlite', 'memory']) EVENT_STORE?: 'sqlite' | 'memory';
  @IsOptional() @IsString() @MinLength(1) DATA_DIR?: string;
  @IsOptional() @IsIn(['FULL', 'NORMAL']) SQLITE_SYNCHRONOUS?: 'FULL' | 'NORMAL';
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']) LOG_LEVEL?: string;
}

export interface AppConfig {
  port: number;
  host: string;
  eventStore: EventStoreConfig;
  logLevel: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = plainToInstance(Environment, pick(env), { enableImplicitConversion: true });
  const errors = validateSync(raw, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) =>
        `  ${e.property}=${JSON.stringify(env[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid configuration, the API will not start:\n${lines.join('\n')}`);
  }
  const kind = raw.EVENT_STORE ?? 'sqlite';
  return {
    port: raw.PORT ?? 3000,
    host: raw.HOST ?? '127.0.0.1',
    logLevel: raw.LOG_LEVEL ?? 'log',
    eventStore:
      kind === 'memory'
        ? { kind }
        : { kind, dataDir: resolve(raw.DATA_DIR ?? 'data'), synchronous: raw.SQLITE_SYNCHRONOUS ?? 'FULL' },
  };
}

function pick(env: NodeJS.ProcessEnv): Record<string, string> {
  const keys = ['PORT', 'HOST', 'EVENT_STORE', 'DATA_DIR', 'SQLITE_SYNCHRONOUS', 'LOG_LEVEL'];
  const out: Record<string, string> = {};
  for (const key of keys) if (env[key] !== undefined && env[key] !== '') out[key] = env[key] as string;
  return out;
}
