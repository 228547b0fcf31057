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
      'not_sent',
    ],
    ['DNS failure', { code: 'EDNS', command: 'CONN' }, 'not_sent'],
    ['auth failure', { code: 'EAUTH', responseCode: undefined }, 'not_sent'],
    ['connect timeout', { code: 'ETIMEDOUT', timeoutType: 'CONNECT_TIMEOUT' }, 'not_sent'],
    ['line dropped mid-DATA', { code: 'ECONNECTION', command: 'CONN' }, 'unknown'],
    ['idle socket timeout', { code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' }, 'unknown'],
  ] as const)('%s → %s', (_, fields, expected) => {
    expect(classifySmtpError(err(fields as Partial<NodemailerError>))).toBe(expected);
  });
});
