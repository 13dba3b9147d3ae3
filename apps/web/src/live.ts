import { session } from './api';

export interface LiveMessage {
  trustId: string;
  revision: number;
  position: number;
  type: string;
}

/** A reminder of the trust was issued, delivered or answered, or its reminder settings changed. */
export interface LiveReminderMessage {
  trustId: string;
  key?: string;
  position: number;
  type: string;
}

type Listener = (message: LiveMessage) => void;
type ReminderListener = (message: LiveReminderMessage) => void;

const listeners = new Set<Listener>();
const reminderListeners = new Set<ReminderListener>();
let source: EventSource | null = null;
let connectedToken: string | null = null;

/**
 * Server-sent events from `GET /live`: one connection for the page, shared by the views. The token
 * goes in the query string because EventSource cannot send an Authorization header.
 */
export function onLive(listener: Listener, status?: (connected: boolean) => void): () => void {
  const token = session.token();
  if (token && (source === null || connectedToken !== token)) {
    source?.close();
    connectedToken = token;
    source = new EventSource(`/live?access_token=${encodeURIComponent(token)}`);
    source.addEventListener('trust-changed', (event) => {
      const message = JSON.parse((event as MessageEvent<string>).data) as LiveMessage;
      if (ownWrites === 0) listeners.forEach((l) => l(message));
    });
    source.addEventListener('reminders-changed', (event) => {
      const message = JSON.parse((event as MessageEvent<string>).data) as LiveReminderMessage;
      reminderListeners.forEach((l) => l(message));
    });
  }
  if (source && status) {
    source.addEventListener('open', () => status(true));
    source.addEventListener('error', () => status(false));
    if (source.readyState === EventSource.OPEN) status(true);
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let ownWrites = 0;

/**
 * Runs one of this page's own writes. Its live echo must not look like "someone else changed this":
 * the view re-reads after the write anyway, so messages that arrive meanwhile are dropped.
 */
export async function asOwnWrite<T>(write: Promise<T>): Promise<T> {
  ownWrites += 1;
  try {
    return await write;
  } finally {
    ownWrites -= 1;
  }
}

/** Reminder news on the same connection (opened by `onLive`); views re-read their reminders. */
export function onRemindersLive(listener: ReminderListener): () => void {
  reminderListeners.add(listener);
  return () => reminderListeners.delete(listener);
}

/** Views call this when they are replaced, so a closed view is not refreshed. */
export function resetLiveListeners(): void {
  listeners.clear();
  reminderListeners.clear();
}
