import type { NodemailerError } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { classifySmtpError } from './smtp-sender.ts';

const err = (fields: Partial<NodemailerError>) =>
  Object.assign(new Error('x'), fields) as NodemailerError;

describe('classifySmtpError', () => {
  it.each([
    [
      '550 mailbox unavailable',
      { code: 'EENVELOPE', responseCode: 550, permanent: true },
      'rejected',
    ],
    ['554 after DATA', { code: 'EMESSAGE', responseCode: 554 }, 'rejected'],
    ['503 bad sequence (new connection may pass)', { responseCode: 503 }, 'not_sent'],
    ['451 try again later', { code: 'EMESSAGE', responseCode: 451, permanent: false }, 'not_sent'],
    [
      'connection refused',
      { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' },
      'held:connection',
    ],
    ['DNS failure', { code: 'EDNS', command: 'CONN' }, 'held:connection'],
    ['TLS failure', { code: 'ETLS', command: 'CONN' }, 'held:connection'],
    ['auth failure', { code: 'EAUTH', responseCode: undefined }, 'held:credentials'],
    // The 535 reply code must not win over EAUTH: wrong credentials are not a rejected message.
    ['535 bad credentials', { code: 'EAUTH', responseCode: 535 }, 'held:credentials'],
    ['connect timeout', { code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT' }, 'held:connection'],
    ['bad envelope before sending', { code: 'EENVELOPE' }, 'not_sent'],
    ['line dropped mid-DATA', { code: 'ECONNECTION', command: 'CONN' }, 'unknown'],
    ['idle socket timeout', { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' }, 'unknown'],
  ] as const)('%s → %s', (_, fields, expected) => {
    const { delivery, hold } = classifySmtpError(err(fields as Partial<NodemailerError>));
    expect(hold ? `${delivery}:${hold}` : delivery).toBe(expected);
  });
});
