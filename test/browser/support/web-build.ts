import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const WEB = join(ROOT, 'apps/web');
const DIST_INDEX = join(WEB, 'dist/index.html');
const LOCK = join(ROOT, '.tmp/web-build.lock');
const INPUTS = [
  join(WEB, 'src'),
  join(WEB, 'index.html'),
  join(WEB, 'vite.config.ts'),
  join(ROOT, 'docs/lifecycle.mmd'),
];

/** Builds apps/web with Vite's JS API when its dist is missing or older than any of its sources. */
export async function ensureWebBuild(): Promise<void> {
  if (!isStale()) return;
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  // Two jest workers may both find the build stale: one builds, the other waits for it.
  if (!takeLock()) {
    while (lockHeld()) await new Promise((r) => setTimeout(r, 500));
    if (!isStale()) return;
    if (!takeLock()) throw new Error('Could not take the web build lock.');
  }
  try {
    await viteBuild();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function isStale(): boolean {
  const built = mtime(DIST_INDEX);
  return built === 0 || INPUTS.some((p) => newest(p) > built);
}

function newest(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

function mtime(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

function takeLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    // A lock left by a killed run (older than five minutes) is taken over.
    if (Date.now() - mtime(LOCK) > 300_000) {
      rmSync(LOCK, { recursive: true, force: true });
      return takeLock();
    }
    return false;
  }
}

function lockHeld(): boolean {
  return mtime(LOCK) !== 0;
}

/** Vite 7 is ESM only and jest runs CommonJS, so its JS API runs in a child Node process. */
function viteBuild(): Promise<void> {
  const script = `const { build } = await import('vite'); await build({ configFile: ${JSON.stringify(join(WEB, 'vite.config.ts'))}, logLevel: 'error' });`;
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: ROOT, timeout: 180_000 },
      (error, _out, stderr) =>
        error ? fail(new Error(`The web build failed: ${stderr || error.message}`)) : done(),
    );
  });
}
