/**
 * Folding events through `evolve`, against two XState baselines measured in the same run:
 * a bare loop of the pure `transition()`, and one actor fed with `send()`.
 *   node -r @swc-node/register bench/lifecycle.bench.ts
 * Writes bench/results/lifecycle.json. Medians of RUNS interleaved rounds after one warm-up.
 */
import { createActor, initialTransition, transition } from 'xstate';
import {
  entriesOf,
  evolve,
  initialState,
  toView,
  trustLifecycleMachine,
  type TrustEvent,
} from '../libs/trust-domain/src';
import { addDays } from '../libs/trust-domain/src/events/calendar-date';
import {
  event,
  keyIssueProposed,
  STATUTORY_2004_MEMBERS,
  statutoryMembers,
  toOperating,
  toShadow,
  trustProposed,
} from '../libs/trust-domain/src/decider/fixtures';
import { KEY_ISSUES } from '../libs/trust-domain/src/vocabulary';
import { median, report, type BenchRow } from './support/report';

const RUNS = 5;
const machine = trustLifecycleMachine;

/** A trust's first 25 events: proposal to a board with its members and key-issue proposals. */
function firstYear(i: number): TrustEvent[] {
  const milestones = ['facilitator', 'board', 'inauguration'].map((id, k) =>
    event('MilestoneScheduled', {
      milestoneId: id,
      title: id,
      owner: 'DCS',
      baselineDue: `2009-0${k + 1}-28`,
      dependsOn: [],
      occurredAt: '2008-10-16',
    }),
  );
  const meeting = event('MeetingHeld', {
    meetingId: 'ib-1',
    body: 'implementation-board',
    attendees: [],
    apologies: [],
    quorumMet: true,
    occurredAt: '2009-01-20',
  });
  const [proposal, ...rest] = toShadow(trustProposed({ trustId: `trust-${i}` }));
  return [
    proposal!,
    ...rest,
    ...milestones,
    ...statutoryMembers(),
    ...KEY_ISSUES.map((k) => keyIssueProposed(k)),
    meeting,
  ];
}

/** One block of an operating trust's business (a board meeting and what follows it). */
function block(n: number, on: string, seats: string[]): TrustEvent[] {
  const events: TrustEvent[] = [
    event('MeetingHeld', {
      meetingId: `ctb-${n}`,
      body: 'trust-board',
      attendees: seats.slice(0, 6),
      apologies: seats.slice(6),
      quorumMet: true,
      occurredAt: on,
    }),
  ];
  for (let d = 0; d < 3; d++) {
    events.push(
      event('DecisionRecorded', {
        decisionId: `d-${n}-${d}`,
        title: 'Decision',
        tier: 'board',
        leadAgency: 'PCT',
        rationale: 'CYPP priority',
        meetingId: `ctb-${n}`,
        effectiveFrom: on,
        occurredAt: on,
      }),
    );
  }
  if (n % 10 === 0) {
    const seat = (n / 10) % seats.length;
    events.push(
      event('MemberReplaced', {
        memberId: seats[seat]!,
        replacementMemberId: `m-${n}`,
        person: 'Successor',
        role: 'Member',
        deputy: null,
        minimumAttendance: 4,
        occurredAt: on,
      }),
    );
    seats[seat] = `m-${n}`;
  }
  return events;
}

function planCycle(n: number, on: string): TrustEvent[] {
  const planId = `cypp-${n}`;
  return [
    event('PlanDrafted', { planId, title: 'CYPP', period: `${n}`, occurredAt: on }),
    event('PlanConsultationOpened', { planId, closesOn: null, occurredAt: on }),
    event('LscbConsulted', { planId, response: null, occurredAt: on }),
    event('PlanApproved', { planId, approvedBy: 'Board', occurredAt: on }),
    event('PlanPublished', { planId, url: null, occurredAt: on }),
    event('PlanAnnualReviewStarted', { planId, reviewYear: `${n}`, occurredAt: on }),
    event('PlanAnnualReviewCompleted', { planId, summary: null, occurredAt: on }),
  ];
}

/** One long-lived trust: inaugurated, then board business with a CYPP cycle every ten meetings. */
function longTrust(total: number): TrustEvent[] {
  const events = toOperating();
  const seats = STATUTORY_2004_MEMBERS.map(([category]) => `m-${category}`);
  for (let n = 1; events.length < total; n++) {
    const on = addDays('2009-07-02', n);
    events.push(...block(n, on, seats), ...(n % 10 === 5 ? planCycle(n, on) : []));
  }
  return events.slice(0, total);
}

const viaEvolve = (stream: TrustEvent[]) => stream.reduce(evolve, initialState());

function viaTransition(stream: TrustEvent[]) {
  let [snapshot] = initialTransition(machine);
  for (const e of stream) [snapshot] = transition(machine, snapshot, e);
  return snapshot;
}

function viaActor(stream: TrustEvent[]) {
  const actor = createActor(machine).start();
  for (const e of stream) actor.send(e);
  const snapshot = actor.getSnapshot();
  actor.stop();
  return snapshot;
}

function eventsPerSecond(streams: TrustEvent[][], count: number, fold: (s: TrustEvent[]) => unknown): number {
  const start = process.hrtime.bigint();
  for (const stream of streams) fold(stream);
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

function checkSameResult(stream: TrustEvent[]): void {
  const ours = toView(viaEvolve(stream));
  const actor = viaActor(stream).context;
  if (
    ours.revision !== actor.revision ||
    JSON.stringify(ours.meetings) !== JSON.stringify(entriesOf(actor.meetings))
  ) {
    throw new Error('evolve and the actor disagree on the folded state');
  }
}

/**
 * The three folds run in turn within each round (not all runs of one, then the next), so a change
 * in machine load hits all of them alike; ratios are the median of the per-round ratios.
 */
function rows(metric: string, streams: TrustEvent[][]): BenchRow[] {
  checkSameResult(streams[streams.length - 1]!);
  const count = streams.reduce((n, s) => n + s.length, 0);
  const folds = { ours: viaEvolve, actor: viaActor, transition: viaTransition };
  Object.values(folds).forEach((fold) => streams.forEach(fold));
  const rates = { ours: [] as number[], actor: [] as number[], transition: [] as number[] };
  for (let r = 0; r < RUNS; r++) {
    for (const key of ['ours', 'actor', 'transition'] as const)
      rates[key].push(eventsPerSecond(streams, count, folds[key]));
  }
  const baselines = [
    ['xstate actor send()', rates.actor, 0.7],
    ['xstate pure transition()', rates.transition, 1],
  ] as const;
  return baselines.map(([baselineName, baseline, target]) => {
    const ratio = median(rates.ours.map((ours, r) => ours / baseline[r]!));
    return {
      metric,
      unit: 'events/s',
      ours: Math.round(median(rates.ours)),
      baseline: Math.round(median([...baseline])),
      baselineName,
      ratio: Number(ratio.toFixed(2)),
      target: `≥ ${target}×`,
      pass: ratio >= target,
    };
  });
}

export async function run(): Promise<BenchRow[]> {
  const short = Array.from({ length: 4000 }, (_, i) => firstYear(i));
  const long = [longTrust(100_000)];
  const result = [
    ...rows('evolve: rehydrate 4,000 trusts x 25 events', short),
    ...rows('evolve: rehydrate 1 trust x 100,000 events', long),
  ];
  return result;
}

if (require.main === module) {
  run().then(
    (result) => report('lifecycle', 'Lifecycle fold (evolve)', result),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
