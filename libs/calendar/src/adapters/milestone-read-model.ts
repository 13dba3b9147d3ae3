import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AccessPolicy, type Principal } from '@trustworks/auth';
import { ApiError } from '@trustworks/platform';
import { Projector, ReadModelQueries, type MilestoneFacts, type TrustRow } from '@trustworks/projections';
import type { TrustFacts } from '../domain/calendar-entry';

export interface TrustMilestones {
  trust: TrustFacts;
  milestones: MilestoneFacts[];
}

/**
 * The projections' read models, read only: trust rows and their milestones, with the same tenancy rule
 * and read-your-writes wait as the rest of the API. The projector is looked up in the application
 * rather than imported: ProjectionsModule.forRoot() builds a new projector per call, and there must
 * be exactly one.
 */
@Injectable()
export class MilestoneReadModel implements OnModuleInit {
  private projector?: Projector;
  private queries?: ReadModelQueries;

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    this.projector = this.moduleRef.get(Projector, { strict: false });
    this.queries = this.moduleRef.get(ReadModelQueries, { strict: false });
  }

  /** One trust the caller may see (404 otherwise), once projected up to `minRevision`. */
  async trust(trustId: string, principal: Principal, minRevision?: number): Promise<TrustMilestones> {
    await this.ready().queries.trustHead(trustId, principal, minRevision);
    // Head and milestones read together, synchronously, so the revision matches the dates.
    const db = this.ready().projector.db;
    const head = db.trustHead(trustId);
    if (head === null) throw ApiError.notFound('trust', trustId);
    return { trust: head, milestones: db.milestones(trustId) };
  }

  /** Every trust the caller may see, with its milestones, once projected up to `minPosition`. */
  async visible(principal: Principal, minPosition?: number): Promise<TrustMilestones[]> {
    await this.ready().queries.atLeast(minPosition);
    const db = this.ready().projector.db;
    const milestones = db.allMilestones();
    return db
      .trusts()
      .filter((row) => AccessPolicy.canRead(principal, row.authority))
      .map((row) => ({ trust: factsOf(row), milestones: milestones.get(row.trustId) ?? [] }));
  }

  private ready(): { projector: Projector; queries: ReadModelQueries } {
    if (!this.projector || !this.queries) throw new Error('The calendar read model is used before start-up.');
    return { projector: this.projector, queries: this.queries };
  }
}

function factsOf(row: TrustRow): TrustFacts {
  return { trustId: row.trustId, authority: row.authority, name: row.name, revision: row.revision };
}
