import type net from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  /** Every accepted message, raw. */
  received: Buffer[];
  /** AUTH attempts (user names) and whether each was accepted. */
  logins: { user: string; ok: boolean }[];
  close(): Promise<void>;
}

/**
 * A local SMTP sink: keeps every accepted message; rejects recipients at
 * `reject.example`. With `auth`, it requires AUTH PLAIN/LOGIN and answers a
 * wrong password `535 5.7.8 Authentication credentials invalid`, as Gmail
 * and most providers do; `auth.password` may be changed while it runs.
 */
export function startSmtpSink(
  options: { auth?: { user: string; password: string } } = {},
): Promise<SmtpSink> {
  const received: Buffer[] = [];
  const logins: SmtpSink['logins'] = [];
  const auth = options.auth;
  const server = new SMTPServer({
    authOptional: !auth,
    ...(auth ? { authMethods: ['PLAIN', 'LOGIN'], allowInsecureAuth: true } : {}),
    onAuth(login, _session, callback) {
      const ok = !!auth && login.username === auth.user && login.password === auth.password;
      logins.push({ user: login.username ?? '', ok });
      if (!ok) {
        const error = Object.assign(new Error('5.7.8 Authentication credentials invalid'), {
          responseCode: 535,
        });
        return callback(error);
      }
      callback(null, { user: login.username });
    },
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@reject.example')) {
        const error = Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.server.address() as net.AddressInfo).port;
      resolve({ port, received, logins, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}
