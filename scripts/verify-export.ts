/**
 * Verifies a trust stream exported as JSON Lines (GET /trusts/:id/history.jsonl) offline: recomputes
 * every event's SHA-256 and its link to the event before it, and names the first broken link.
 *   node -r @swc-node/register scripts/verify-export.ts trust-<id>.jsonl
 * Exit code 0 when the chain holds, 1 when it is broken, 2 when the file cannot be read.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { verifyChain, type HashableEvent } from '../libs/audit/src';

async function* eventsOf(path: string): AsyncIterable<HashableEvent> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as HashableEvent;
    } catch {
      throw new Error(`line ${lineNo} is not JSON`);
    }
  }
}

async function main(path: string | undefined): Promise<number> {
  if (!path) {
    process.stderr.write('usage: verify-export <file.jsonl>\n');
    return 2;
  }
  const report = await verifyChain(eventsOf(path));
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (report.ok) process.stderr.write(`OK: ${report.checked} events, every link intact.\n`);
  else
    process.stderr.write(
      `BROKEN at revision ${report.firstBroken?.revision}: ${report.firstBroken?.reason}\n`,
    );
  return report.ok ? 0 : 1;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Cannot verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
