import { JwtService } from '@nestjs/jwt';
import { ROLES, TokenVerifier, type Role } from '@trustworks/auth';
import { loadConfig } from '../config/app-config';

/**
 * Prints a development token signed with the configured secret (JWT_SECRET, or the development
 * default), for curl and the web UI's sign-in:
 *   npm run token -- --role programme-manager --authority cheshire-east [--authority ...] [--sub name] [--hours 8]
 */
function main(argv: string[]): void {
  const args = parse(argv);
  const role = (args.role?.[0] ?? 'programme-manager') as Role;
  if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  const authorities = args.authority ?? [];
  if (authorities.length === 0 && role !== 'admin') fail('--authority is required (repeat it for several)');
  const config = loadConfig();
  const subject = args.sub?.[0] ?? `${role}@${authorities[0] ?? 'trustworks'}`;
  const hours = Number(args.hours?.[0] ?? '8');
  if (!Number.isFinite(hours) || hours <= 0) fail('--hours must be a positive number');
  const verifier = new TokenVerifier(new JwtService(), config.auth);
  process.stdout.write(
    `${verifier.sign({ subject, name: subject, roles: [role], authorities }, Math.round(hours * 3600))}\n`,
  );
}

function parse(argv: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (!flag.startsWith('--') || i + 1 >= argv.length) fail(`unexpected argument "${flag}"`);
    (out[flag.slice(2)] ??= []).push(argv[(i += 1)]);
  }
  return out;
}

function fail(message: string): never {
  process.stderr.write(`dev-token: ${message}\n`);
  process.exit(2);
}

main(process.argv.slice(2));
