/**
 * Real protocol peers on 127.0.0.1 for the reminder tests: an SMTP server (the `smtp-server`
 * package) that keeps what it receives, and an HTTP webhook receiver that checks the HMAC.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

export interface SmtpPeer {
  port: number;
  mails: ReceivedMail[];
  /** While set, the server holds each message's final reply until `release()` (a stuck relay). */
  hold(): void;
  release(): void;
  /** How many messages are waiting on the hold now. */
  held(): number;
  close(): Promise<void>;
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const mails: ReceivedMail[] = [];
  let holding = false;
  const waiting: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const finish = () => {
          mails.push(
            parseMail(
              Buffer.concat(chunks).toString('utf8'),
              session.envelope.rcptTo.map((r) => r.address),
            ),
          );
          callback();
        };
        if (holding) waiting.push(finish);
        else finish();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const finish of waiting.splice(0)) finish();
    },
    held: () => waiting.length,
    close: () => {
      holding = false;
      for (const finish of waiting.splice(0)) finish();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Headers unfolded, the text part decoded from quoted-printable when nodemailer chose it. */
function parseMail(raw: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  if ((headers['content-transfer-encoding'] ?? '').toLowerCase() === 'quoted-printable') {
    body = Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  }
  return {
    to,
    from: headers.from ?? '',
    subject: headers.subject ?? '',
    text: body.replace(/\r\n/g, '\n'),
    headers,
  };
}

export interface WebhookRequest {
  body: Record<string, unknown>;
  idempotencyKey: string;
  signatureValid: boolean;
  status: number;
}

export interface WebhookPeer {
  url: string;
  requests: WebhookRequest[];
  close(): Promise<void>;
}

/** Answers with `statuses` in turn (then 200 for ever), checking each request's signature. */
export async function startWebhookPeer(secret: string, statuses: number[] = []): Promise<WebhookPeer> {
  const requests: WebhookRequest[] = [];
  const plan = [...statuses];
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const status = plan.shift() ?? 200;
      requests.push({
        body: JSON.parse(raw) as Record<string, unknown>,
        idempotencyKey: String(req.headers['idempotency-key']),
        signatureValid: verify(secret, String(req.headers['x-trustworks-signature']), raw),
        status,
      });
      res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/trustworks`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What a receiver does: recompute HMAC-SHA256 over `<t>.<body>` and compare in constant time. */
function verify(secret: string, header: string, body: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (match === null) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
