/** The API client: the bearer token from sessionStorage, JSON in and out, the API's error shape. */
const TOKEN_KEY = 'trustworks.token';

export const session = {
  token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  signIn(token: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  signOut(): void {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

export interface Identity {
  subject: string;
  name: string | null;
  roles: string[];
  authorities: string[];
}

/** What the token says about its holder, for display only (the server verifies every request). */
export function identity(token = session.token()): Identity | null {
  try {
    const payload = JSON.parse(atob((token ?? '').split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return {
      subject: String(payload.sub ?? ''),
      name: typeof payload.name === 'string' ? payload.name : null,
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
      authorities: Array.isArray(payload.authorities) ? payload.authorities.map(String) : [],
    };
  } catch {
    return null;
  }
}

/** An error answered by the API: `{ statusCode, code, message, details }`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { fields?: Record<string, string[]> } & Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface Answer<T> {
  body: T;
  etag: string | null;
}

export async function request<T>(path: string, init: RequestInit = {}): Promise<Answer<T>> {
  const headers = new Headers(init.headers);
  const token = session.token();
  if (token) headers.set('authorization', `Bearer ${token}`);
  headers.set('accept', 'application/json');
  if (init.body) headers.set('content-type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  const text = await res.text();
  const body = text ? safeJson(text) : null;
  if (!res.ok) {
    const e = (body ?? {}) as { code?: string; message?: string; details?: ApiProblem['details'] };
    throw new ApiProblem(res.status, e.code ?? `HTTP.${res.status}`, e.message ?? res.statusText, e.details);
  }
  return { body: body as T, etag: res.headers.get('etag') };
}

export const get = async <T>(path: string): Promise<T> => (await request<T>(path)).body;

export function post<T>(path: string, body: unknown, ifMatch?: string | null): Promise<Answer<T>> {
  return request<T>(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: ifMatch ? { 'if-match': ifMatch } : {},
  });
}

/** A read that a newer service may not offer yet: null on 404 for the route itself. */
export async function optional<T>(path: string): Promise<T | null> {
  try {
    return await get<T>(path);
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 404 && error.code.startsWith('HTTP.')) return null;
    throw error;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/** Downloads a file the API serves behind the bearer token (a plain link could not send it). */
export async function download(path: string, filename: string): Promise<void> {
  const token = session.token();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiProblem(res.status, `HTTP.${res.status}`, `The download failed (${res.status}).`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
