import { Module } from '@nestjs/common';
import { CLOCK, ID_GENERATOR, systemClock, uuidGenerator } from '@trustworks/platform';
import { TrustCommandHandler } from './application/command-handler';
import { TrustRepository } from './application/trust-repository';
import { GovernanceDocumentsController } from './features/governance-documents/governance-documents.controller';
import { KeyIssuesController } from './features/key-issues/key-issues.controller';
import { LifecycleController } from './features/lifecycle/lifecycle.controller';
import { MeetingsAndDecisionsController } from './features/meetings-and-decisions/meetings-and-decisions.controller';
import { MembershipController } from './features/membership/membership.controller';
import { MilestonesController } from './features/milestones/milestones.controller';
import { PlanCycleController } from './features/plan-cycle/plan-cycle.controller';
import { ProposeTrustController } from './features/propose-trust/propose-trust.controller';
import { ReviewController } from './features/review/review.controller';
import { TrustQueriesController } from './features/trust-queries/trust-queries.controller';

/** Trusts: every command and query on a trust, over the event-store port. */
@Module({
  controllers: [
    ProposeTrustController,
    TrustQueriesController,
    LifecycleController,
    MembershipController,
    KeyIssuesController,
    GovernanceDocumentsController,
    MeetingsAndDecisionsController,
    MilestonesController,
    PlanCycleController,
    ReviewController,
  ],
  providers: [
    TrustRepository,
    TrustCommandHandler,
    { provide: CLOCK, useValue: systemClock },
    { provide: ID_GENERATOR, useValue: uuidGenerator },
  ],
  exports: [TrustRepository, TrustCommandHandler],
})
export class TrustsModule {}
