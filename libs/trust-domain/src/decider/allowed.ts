/** The commands the API can offer as next steps for a trust in its current state. */
import type { LifecycleModel } from '../machine/model';
import { TRUST_COMMAND_TYPES, eventTypeOf, type TrustCommandType } from './commands';
import { offeredNow } from './explain';
import type { TrustState } from './state';

/** Commands that act on something the trust must already have. */
function hasSubject(state: TrustState, type: TrustCommandType): boolean {
  switch (type) {
    case 'ReplaceMember':
    case 'WithdrawMember':
      return state.members.some((m) => m.until === null);
    case 'SignGovernanceDocument':
      return Object.keys(state.governanceDocuments).length > 0;
    case 'RebaselineMilestone':
    case 'CompleteMilestone':
      return Object.values(state.milestones).some((m) => m.completedOn === null);
    default:
      return true;
  }
}

/**
 * What the lifecycle offers now: guards that depend only on the record are applied (no InaugurateBoard
 * while key issues are open); guards that depend on the command's own data (which key issue, which
 * outcome) are not, so AgreeKeyIssue is offered when some key issue has a proposal.
 */
export function allowedCommandsWith(model: LifecycleModel, state: TrustState): TrustCommandType[] {
  if (state.phase === 'not-proposed') return ['ProposeTrust'];
  return TRUST_COMMAND_TYPES.filter(
    (type) =>
      type !== 'ProposeTrust' && offeredNow(model, state, eventTypeOf(type)) && hasSubject(state, type),
  );
}
