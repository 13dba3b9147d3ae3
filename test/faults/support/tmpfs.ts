import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real, small filesystem for a data directory: a tmpfs of `sizeMb` mounted on a fresh folder.
 * Needs root (CAP_SYS_ADMIN), as `npm test` has in this project's containers; elsewhere it fails with
 * a message saying so rather than pretending with a mock.
 */
export interface SmallDisk {
  dir: string;
  /** Writes a filler file until the filesystem answers ENOSPC; returns the bytes it took. */
  fill(): number;
  /** Deletes the filler: the space is back. */
  free(): void;
  unmount(): void;
}

const FILLER = '.filler';

export function mountSmallDisk(sizeMb: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'trustworks-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0700`, 'tmpfs', dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `This test mounts a ${sizeMb} MB tmpfs to fill it for real, which needs root (CAP_SYS_ADMIN): ${String(error)}`,
    );
  }
  return {
    dir,
    fill: () => fillUp(join(dir, FILLER)),
    free: () => rmSync(join(dir, FILLER), { force: true }),
    unmount: () => {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function fillUp(path: string): number {
  const fd = openSync(path, 'a');
  const chunks = [64 * 1024, 4096, 512, 1];
  let written = 0;
  try {
    // Big chunks first, then smaller ones, so the very last free byte is taken too.
    for (const size of chunks) {
      const chunk = Buffer.alloc(size, 0x2e);
      for (;;) {
        try {
          written += writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return written;
}
