import request from 'supertest';
import { ManualClock } from '@trustworks/platform';
import type { Principal } from '@trustworks/auth';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@trustworks/event-store';
import { TrustCommandHandler } from '@trustworks/trusts';
import type { TrustCommand } from '@trustworks/trust-domain';
import { ReminderDispatcher, REMINDER_STREAM_PREFIX } from '@trustworks/reminders';
import { startClockedApp } from './clocked-app';
import type { TestApp } from './test-app';
import { tokenFor } from './test-app';

export const AUTHORITY = 'Reminder Borough Council';
export const WEBHOOK_SECRET = 'reminder-webhook-secret-for-tests-0123456789';
export const PUBLIC_BASE_URL = 'https://trustworks.example.gov.uk';

export const programmeManager: Principal = {
  subject: 'pm@reminder-borough',
  name: 'Programme Manager',
  roles: ['programme-manager'],
  authorities: [AUTHORITY],
};

export type ClockedApp = TestApp & { clock: ManualClock };

/** The real app under a virtual clock, with SMTP and webhooks pointed at the test's peers. */
export function startReminderApp(at: string, env: Record<string, string> = {}): Promise<ClockedApp> {
  return startClockedApp(new ManualClock(new Date(at)), {
    PUBLIC_BASE_URL,
    REMINDER_WEBHOOK_SECRET: WEBHOOK_SECRET,
    SMTP_FROM: 'Trustworks <reminders@example.gov.uk>',
    SMTP_TIMEOUT_MS: '5000',
    ...env,
  });
}

export const dispatcher = (t: TestApp) => t.app.get(ReminderDispatcher);
export const store = (t: TestApp) => t.app.get<EventStore>(EVENT_STORE);

/** Runs commands as the programme manager, recorded at the clock's time. */
export async function run(
  t: TestApp,
  trustId: string,
  commands: TrustCommand | TrustCommand[],
): Promise<void> {
  await t.app
    .get(TrustCommandHandler)
    .execute(trustId, commands, programmeManager, { correlationId: `test-${trustId}` });
}

/** A trust with an implementation board and one milestone, as the programme manager would set it up. */
export async function trustWithMilestone(
  t: TestApp,
  trustId: string,
  due: string,
  owner = 'Business Unit Manager',
) {
  await run(t, trustId, [
    {
      type: 'ProposeTrust',
      data: {
        trustId,
        authority: AUTHORITY,
        name: `${trustId} Children's Trust`,
        governanceModel: 'collaborative',
        ageFrom: 0,
        ageTo: 19,
        ageExtendedTo: null,
        parentPartnership: null,
        newAuthority: false,
        vestingDay: null,
        twoTierArea: false,
        districtCouncils: [],
        occurredAt: '2008-10-01',
      },
    },
    {
      type: 'GiveApprovalToProceed',
      data: { approvedBy: 'Cabinet', reference: null, occurredAt: '2008-10-15' },
    },
    {
      type: 'ScheduleMilestone',
      data: {
        milestoneId: 'business-unit',
        title: 'Business unit set up and staffed',
        owner,
        baselineDue: due,
        dependsOn: [],
        occurredAt: '2008-10-15',
      },
    },
  ] as TrustCommand[]);
}

export const http = (t: TestApp) => request(t.app.getHttpServer());
export const pmToken = (t: TestApp) => tokenFor(t, 'programme-manager', [AUTHORITY]);

export async function putSettings(
  t: TestApp,
  trustId: string,
  settings: Record<string, unknown>,
): Promise<void> {
  const res = await http(t)
    .put(`/trusts/${trustId}/reminder-settings`)
    .set('authorization', `Bearer ${pmToken(t)}`)
    .send(settings);
  if (res.status !== 200) throw new Error(`PUT reminder-settings answered ${res.status}: ${res.text}`);
}

/** Every reminder event in the store, in order. */
export async function reminderEvents(t: TestApp): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of store(t).readAll({ filter: { streamPrefixes: [REMINDER_STREAM_PREFIX] } }))
    events.push(e);
  return events;
}

export const ofType = (events: RecordedEvent[], type: string) => events.filter((e) => e.type === type);

/** Polls `check` every 100 ms, for at most a minute, then fails naming what it waited for. */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  what: string,
  context: () => string = () => '',
): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}${context() ? `; ${context()}` : ''}`);
}
