import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { TokenVerifier, type Role } from '@trustworks/auth';
import { loadConfig } from '../../apps/api/src/config/app-config';

/**
 * The real API (apps/api/src/main.ts) as a child process on 127.0.0.1, over a real SQLite data
 * folder: what the fault tests kill and the load benchmark measures. `entry: 'dist'` runs the build
 * `npm start` runs (no TypeScript loader in the process, so its RSS is the app's); 'source' needs no
 * build.
 */
export interface ApiProcess {
  readonly pid: number;
  readonly port: number;
  readonly url: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resident set size now, in MB (from /proc). */
  rssMb(): number;
  /** How the process ended, if it has (a crash under load shows here, with `stderr()`). */
  exit(): Exit | undefined;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  kill(): Promise<Exit>;
  /** SIGTERM and wait (SIGKILL after a grace period). */
  stop(): Promise<Exit>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ApiProcessOptions {
  dataDir: string;
  entry?: 'source' | 'dist';
  /** Settings for the child; any of AUTH_SETTINGS given here are the caller's to sign tokens for. */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

export const REPO_ROOT = join(__dirname, '..', '..');
export const DIST_MAIN = join(REPO_ROOT, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'main.js');
const STOP_GRACE_MS = 10_000;
/**
 * The settings that decide which bearer tokens the API accepts (NODE_ENV=production demands a secret
 * or JWKS of its own; apps/api/src/config/app-config.ts). The child does not inherit them from this
 * process's environment, so it accepts what `signToken` signs whatever the shell has set.
 */
const AUTH_SETTINGS = ['NODE_ENV', 'JWT_SECRET', 'JWT_ISSUER', 'JWT_AUDIENCE', 'JWKS_URI'];

export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const port = await freePort();
  const entry = options.entry ?? 'source';
  if (entry === 'dist' && !existsSync(DIST_MAIN)) throw new Error(`No build at ${DIST_MAIN}: npm run build`);
  const args = entry === 'dist' ? [DIST_MAIN] : ['-r', '@swc-node/register', 'apps/api/src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...withoutAuthSettings(process.env),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'error',
      WRITE_RATE_LIMIT_PER_MINUTE: '100000000',
      ...options.env,
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await untilHealthy(url, child, exited, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${stderr}`);
  }
  const pid = child.pid as number;
  let ended: Exit | undefined;
  void exited.then((exit) => (ended = exit));
  return {
    pid,
    port,
    url,
    stderr: () => stderr,
    rssMb: () => rssMbOf(pid),
    exit: () => ended,
    kill: async () => {
      child.kill('SIGKILL');
      return exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

function withoutAuthSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept = { ...env };
  for (const key of AUTH_SETTINGS) delete kept[key];
  return kept;
}

async function untilHealthy(
  url: string,
  child: ChildProcess,
  exited: Promise<Exit>,
  timeoutMs: number,
): Promise<void> {
  let gone: Exit | undefined;
  void exited.then((exit) => (gone = exit));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`The API exited while starting (${JSON.stringify(gone)}).`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The API (pid ${child.pid}) was not healthy within ${timeoutMs} ms.`);
}

/** A port the kernel just gave out and took back: free unless someone races for it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A development token signed as `npm run token` signs it (the default development secret): one the
 * API of `startApiProcess` accepts, since its child does not inherit the shell's AUTH_SETTINGS.
 */
export function signToken(role: Role, authorities: string[], subject = `${role}@${authorities[0]}`): string {
  return new TokenVerifier(new JwtService(), loadConfig({}).auth).sign({
    subject,
    name: subject,
    roles: [role],
    authorities,
  });
}

function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!kb) throw new Error(`No VmRSS for pid ${pid}`);
  return Number(kb[1]) / 1024;
}
