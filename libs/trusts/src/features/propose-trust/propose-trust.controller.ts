import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { v5 as uuidv5 } from 'uuid';
import { CurrentPrincipal, type Principal } from '@trustworks/auth';
import { ApiError, ID_GENERATOR, type IdGenerator } from '@trustworks/platform';
import { findTemplate, instantiateTemplate, type TrustCommand } from '@trustworks/trust-domain';
import { TrustCommandHandler, type CommandOptions } from '../../application/command-handler';
import { CommandHeaders, withEtag } from '../../http/command-context';
import { CommandDocs } from '../../http/command-docs';
import type { CommandResultDto } from '../../http/response.dto';
import { ProposeTrustDto, type ProgrammeTemplateChoiceDto } from './propose-trust.dto';

/** Trust ids from an Idempotency-Key are derived, so a retried creation lands on the same trust. */
const TRUST_ID_NAMESPACE = '6f1b8c1e-2a55-4d0c-9a43-3a8f0d2b7e10';

@ApiTags('trusts')
@Controller('trusts')
export class ProposeTrustController {
  constructor(
    private readonly commands: TrustCommandHandler,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  @Post()
  @CommandDocs('The trust is proposed (and its programme scheduled, when a template is named).', 201)
  async propose(
    @Body() dto: ProposeTrustDto,
    @CurrentPrincipal() principal: Principal,
    @CommandHeaders() headers: CommandOptions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResultDto> {
    // A retry with the same Idempotency-Key names the same trust, which may exist; otherwise a new id.
    const keyed = headers.idempotencyKey !== undefined;
    const trustId = keyed
      ? uuidv5(`${principal.subject}|${headers.idempotencyKey}`, TRUST_ID_NAMESPACE)
      : this.ids.newId();
    const commands: TrustCommand[] = [{ type: 'ProposeTrust', data: toProposal(trustId, dto) }];
    if (dto.template) commands.push(scheduleFrom(dto.template, dto.occurredAt));
    const result = await this.commands.execute(trustId, commands, principal, {
      ...headers,
      mintedId: !keyed,
    });
    void reply.header('Location', `/trusts/${trustId}`);
    return withEtag(reply, result);
  }
}

function toProposal(trustId: string, dto: ProposeTrustDto) {
  return {
    trustId,
    occurredAt: dto.occurredAt,
    authority: dto.authority,
    name: dto.name,
    governanceModel: dto.governanceModel,
    ageFrom: dto.ageFrom,
    ageTo: dto.ageTo,
    ageExtendedTo: dto.ageExtendedTo ?? null,
    parentPartnership: dto.parentPartnership ?? null,
    newAuthority: dto.newAuthority,
    vestingDay: dto.vestingDay ?? null,
    twoTierArea: dto.twoTierArea,
    districtCouncils: dto.districtCouncils ?? [],
  };
}

export function scheduleFrom(choice: ProgrammeTemplateChoiceDto, occurredAt: string): TrustCommand {
  const template = findTemplate(choice.templateId);
  if (!template) {
    throw new ApiError(422, 'TEMPLATE.UNKNOWN', `There is no programme template "${choice.templateId}".`, {
      templateId: choice.templateId,
    });
  }
  return {
    type: 'ScheduleProgramme',
    data: { occurredAt, milestones: instantiateTemplate(template, choice.anchors) },
  };
}
