import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium the browser tests drive: $CHROMIUM_PATH, else Debian's `chromium` package. A test
 * tool's own browser download does not work on these machines, so where Chromium is missing it is
 * installed from Debian when we can (root with apt-get); otherwise the tests fail saying how to get it.
 * They never skip.
 */
export function chromiumPath(): string {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!isExecutable(given))
      throw new Error(`CHROMIUM_PATH is set to ${given}, which is not an executable file.`);
    return given;
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const apt = ['/usr/bin/apt-get', '/bin/apt-get'].find(existsSync);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!apt || !root) {
    throw new Error(
      "The browser tests need Chromium and it is not installed. Install Debian's package as root " +
        '(apt-get update && apt-get install -y chromium), or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  process.stderr.write("Chromium is missing: installing Debian's chromium package (apt-get)...\n");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync(apt, ['update'], { stdio: 'inherit', env, timeout: 300_000 });
    execFileSync(apt, ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env,
      timeout: 900_000,
    });
  } catch (error) {
    throw new Error(
      `Installing Chromium with apt-get failed (${(error as Error).message}). Install it by hand: apt-get install -y chromium, or set CHROMIUM_PATH.`,
    );
  }
  if (!isExecutable(DEBIAN_CHROMIUM))
    throw new Error(`apt-get installed chromium but ${DEBIAN_CHROMIUM} is not there; set CHROMIUM_PATH.`);
  return DEBIAN_CHROMIUM;
}

/** Without the networking flags, Chromium stalls on this closed network trying to reach Google. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
  // Date inputs follow the browser's language: show them as a UK user sees them.
  '--lang=en-GB',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
