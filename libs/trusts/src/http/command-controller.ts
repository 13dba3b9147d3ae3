import type { FastifyReply } from 'fastify';
import type { Principal, WriteKind } from '@trustworks/auth';
import type { TrustCommand } from '@trustworks/trust-domain';
import { TrustCommandHandler, type CommandOptions } from '../application/command-handler';
import { withEtag } from './command-context';
import type { CommandResultDto } from './response.dto';
import { IsCalendarDate } from './validators';

/** Base of the command controllers: they translate a request to a command and nothing more. */
export abstract class CommandController {
  constructor(protected readonly commands: TrustCommandHandler) {}

  protected async send(
    reply: FastifyReply,
    trustId: string,
    command: TrustCommand,
    principal: Principal,
    headers: CommandOptions,
    writeKind: WriteKind = 'manage',
  ): Promise<CommandResultDto> {
    return withEtag(
      reply,
      await this.commands.execute(trustId, command, principal, { ...headers, writeKind }),
    );
  }
}

/** Every command says on which day the thing happened (not when it is being typed in). */
export class DatedDto {
  @IsCalendarDate({ description: 'The day in England it happened.', example: '2009-01-15' })
  occurredAt!: string;
}

/** Optional text fields become explicit nulls in the event: history says "none", not "unknown". */
export function orNull<T>(value: T | undefined | null): T | null {
  return value ?? null;
}
