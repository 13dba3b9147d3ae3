import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { resolve } from 'node:path';
import type { EventStoreConfig } from '@trustworks/event-store';
import type { AuthConfig } from '@trustworks/auth';
import type { CalendarConfig } from '@trustworks/calendar';
import type { RemindersConfig } from '@trustworks/reminders';

/** Used only outside production, so `npm start` works on a fresh machine; production must set its own. */
export const DEVELOPMENT_JWT_SECRET = 'trustworks-development-secret-not-for-production';

/** The environment the API reads, checked at start-up so a bad setting stops it with a clear message. */
class Environment {
  @IsOptional() @IsIn(['development', 'test', 'production']) NODE_ENV?: string;
  @IsOptional() @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional() @IsString() @MinLength(1) HOST?: string;
  @IsOptional() @IsIn(['sqlite', 'memory', 'esdb']) EVENT_STORE?: 'sqlite' | 'memory' | 'esdb';
  /** esdb://, esdb+discover:// (cluster); TLS and credentials ride in it. */
  @IsOptional() @Matches(/^esdb(\+discover)?:\/\/\S+$/) EVENTSTORE_CONNECTION_STRING?: string;
  @IsOptional() @IsString() @MinLength(1) DATA_DIR?: string;
  @IsOptional() @IsIn(['FULL', 'NORMAL']) SQLITE_SYNCHRONOUS?: 'FULL' | 'NORMAL';
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']) LOG_LEVEL?: string;
  @IsOptional() @IsString() @MinLength(32) JWT_SECRET?: string;
  @IsOptional() @IsString() @MinLength(1) JWT_ISSUER?: string;
  @IsOptional() @IsString() @MinLength(1) JWT_AUDIENCE?: string;
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) JWKS_URI?: string;
  @IsOptional() @IsInt() @Min(1024) @Max(50 * 1024 * 1024) BODY_LIMIT_BYTES?: number;
  @IsOptional() @IsInt() @Min(1) WRITE_RATE_LIMIT_PER_MINUTE?: number;
  @IsOptional() @IsIn(['true', 'false']) DEMO_DATA?: string;
  @IsOptional() @IsInt() @Min(0) @Max(300) HEAP_GROWTH_PERCENT?: number;
  /** Where users reach the API (behind a proxy): links in calendar feeds and feed addresses. */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) PUBLIC_BASE_URL?: string;
  /** Signs calendar-feed tokens; defaults to JWT_SECRET. Rotate it to revoke every feed address. */
  @IsOptional() @IsString() @MinLength(32) CALENDAR_TOKEN_SECRET?: string;
  @IsOptional() @IsInt() @Min(1) @Max(1830) CALENDAR_TOKEN_TTL_DAYS?: number;
  /** Run the reminder dispatcher in this process (on by default; several processes may). */
  @IsOptional() @IsIn(['on', 'off']) REMINDER_DISPATCHER?: 'on' | 'off';
  @IsOptional() @IsString() @MinLength(1) SMTP_HOST?: string;
  @IsOptional() @IsInt() @Min(1) @Max(65535) SMTP_PORT?: number;
  /** TLS from the first byte (usually port 465); otherwise STARTTLS when offered. */
  @IsOptional() @IsIn(['true', 'false']) SMTP_SECURE?: string;
  /** Refuse to send unless the connection is upgraded to TLS. */
  @IsOptional() @IsIn(['true', 'false']) SMTP_REQUIRE_TLS?: string;
  @IsOptional() @IsString() @MinLength(1) SMTP_USER?: string;
  @IsOptional() @IsString() @MinLength(1) SMTP_PASSWORD?: string;
  @IsOptional() @IsString() @MinLength(3) SMTP_FROM?: string;
  @IsOptional() @IsInt() @Min(100) @Max(600_000) SMTP_TIMEOUT_MS?: number;
  /** Signs reminder webhooks (HMAC-SHA256); webhooks are sent only when it is set. */
  @IsOptional() @IsString() @MinLength(32) REMINDER_WEBHOOK_SECRET?: string;
}
const KEYS = [
  'NODE_ENV',
  'PORT',
  'HOST',
  'EVENT_STORE',
  'EVENTSTORE_CONNECTION_STRING',
  'DATA_DIR',
  'SQLITE_SYNCHRONOUS',
  'LOG_LEVEL',
  'JWT_SECRET',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'JWKS_URI',
  'BODY_LIMIT_BYTES',
  'WRITE_RATE_LIMIT_PER_MINUTE',
  'DEMO_DATA',
  'HEAP_GROWTH_PERCENT',
  'PUBLIC_BASE_URL',
  'CALENDAR_TOKEN_SECRET',
  'CALENDAR_TOKEN_TTL_DAYS',
  'REMINDER_DISPATCHER',
  'SMTP_HOST',
  'SMTP_PORT',
  'SMTP_SECURE',
  'SMTP_REQUIRE_TLS',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'SMTP_FROM',
  'SMTP_TIMEOUT_MS',
  'REMINDER_WEBHOOK_SECRET',
] as const;

export interface AppConfig {
  production: boolean;
  port: number;
  host: string;
  eventStore: EventStoreConfig;
  logLevel: string;
  auth: AuthConfig;
  bodyLimitBytes: number;
  writeRateLimitPerMinute: number;
  /** Load the seed councils' programmes into an empty store at start-up. */
  demoData: boolean;
  /**
   * How far V8 lets the heap grow past what the last full collection kept, in percent (0: V8's own
   * choice, which under a steady stream of requests lets it reach about four times the live data).
   */
  heapGrowthPercent: number;
  calendar: CalendarConfig;
  reminders: Omit<RemindersConfig, 'databasePath'>;
}

export class ConfigError extends Error {}

/** Measured with `bench/load.bench.ts`: end RSS 250–310 MB instead of 420–470 MB, throughput alike. */
const DEFAULT_HEAP_GROWTH_PERCENT = 50;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = plainToInstance(Environment, pick(env), { enableImplicitConversion: true });
  const errors = validateSync(raw, { whitelist: true });
  const production = raw.NODE_ENV === 'production';
  const problems = errors.map(
    (e) =>
      `  ${e.property}=${shown(e.property, env[e.property])}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  if (production && !raw.JWT_SECRET && !raw.JWKS_URI) {
    problems.push(
      '  JWT_SECRET: production needs JWT_SECRET (32+ characters) or JWKS_URI for its identity provider',
    );
  }
  if (
    raw.EVENT_STORE === 'esdb' &&
    !raw.EVENTSTORE_CONNECTION_STRING &&
    !problems.some((p) => p.includes('EVENTSTORE_CONNECTION_STRING'))
  ) {
    problems.push(
      '  EVENTSTORE_CONNECTION_STRING: EVENT_STORE=esdb needs it (e.g. esdb://localhost:2113?tls=false)',
    );
  }
  if (problems.length > 0)
    throw new ConfigError(`Invalid configuration, the API will not start:\n${problems.join('\n')}`);
  const kind = raw.EVENT_STORE ?? 'sqlite';
  return {
    production,
    port: raw.PORT ?? 3000,
    host: raw.HOST ?? '127.0.0.1',
    logLevel: raw.LOG_LEVEL ?? 'log',
    eventStore:
      kind === 'memory'
        ? { kind }
        : kind === 'esdb'
          ? { kind, connectionString: raw.EVENTSTORE_CONNECTION_STRING as string }
          : { kind, dataDir: resolve(raw.DATA_DIR ?? 'data'), synchronous: raw.SQLITE_SYNCHRONOUS ?? 'FULL' },
    auth: {
      secret: raw.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      issuer: raw.JWT_ISSUER ?? 'trustworks',
      audience: raw.JWT_AUDIENCE ?? 'trustworks-api',
      jwksUri: raw.JWKS_URI,
      // Never the public development secret in production: with only a JWKS, calendar feeds need their own.
      calendarSecret:
        raw.CALENDAR_TOKEN_SECRET ?? raw.JWT_SECRET ?? (production ? undefined : DEVELOPMENT_JWT_SECRET),
    },
    bodyLimitBytes: raw.BODY_LIMIT_BYTES ?? 256 * 1024,
    writeRateLimitPerMinute: raw.WRITE_RATE_LIMIT_PER_MINUTE ?? 600,
    demoData: raw.DEMO_DATA === 'true',
    heapGrowthPercent: raw.HEAP_GROWTH_PERCENT ?? DEFAULT_HEAP_GROWTH_PERCENT,
    calendar: {
      publicBaseUrl: raw.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
      tokenTtlDays: raw.CALENDAR_TOKEN_TTL_DAYS ?? 365,
    },
    reminders: remindersConfig(raw),
  };
}

function remindersConfig(raw: Environment): AppConfig['reminders'] {
  const port = raw.PORT ?? 3000;
  const host = raw.HOST ?? '127.0.0.1';
  const smtp = raw.SMTP_HOST
    ? {
        host: raw.SMTP_HOST,
        port: raw.SMTP_PORT ?? 587,
        secure: raw.SMTP_SECURE === 'true',
        requireTls: raw.SMTP_REQUIRE_TLS === 'true',
        user: raw.SMTP_USER,
        password: raw.SMTP_PASSWORD,
        from: raw.SMTP_FROM ?? 'Trustworks reminders <reminders@localhost>',
        timeoutMs: raw.SMTP_TIMEOUT_MS ?? 30_000,
      }
    : undefined;
  return {
    dispatcher: raw.REMINDER_DISPATCHER !== 'off',
    publicBaseUrl: raw.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? `http://${host}:${port}`,
    smtp,
    webhookSecret: raw.REMINDER_WEBHOOK_SECRET,
  };
}

function pick(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEYS) if (env[key] !== undefined && env[key] !== '') out[key] = env[key] as string;
  return out;
}

/** Settings are echoed in start-up errors; secrets in them never are. */
function shown(key: string, value: string | undefined): string {
  if (value === undefined) return 'undefined';
  if (['JWT_SECRET', 'CALENDAR_TOKEN_SECRET', 'SMTP_PASSWORD', 'REMINDER_WEBHOOK_SECRET'].includes(key))
    return `<${value.length} characters, hidden>`;
  if (key === 'EVENTSTORE_CONNECTION_STRING') return JSON.stringify(value.replace(/\/\/[^@/]*@/, '//***@'));
  return JSON.stringify(value);
}
