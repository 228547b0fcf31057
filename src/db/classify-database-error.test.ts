import { describe, expect, it } from 'vitest';
import { describeErrorForLog, isDatabaseUnavailable } from './classify-database-error.ts';

const pgError = (code: string, message = 'pg says no') =>
  Object.assign(new Error(message), { code });
/** The shape drizzle wraps every failed query in. */
const wrapped = (cause: unknown) =>
  Object.assign(new Error('Failed query: select 1 where x = $1\nparams: secret-key'), {
    query: 'select 1 where x = $1',
    params: ['secret-key'],
    cause,
  });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['statement timeout (57014)', wrapped(pgError('57014'))],
    ['admin shutdown (57P01)', pgError('57P01')],
    ['connection failure class 08', pgError('08006')],
    ['refused', pgError('ECONNREFUSED')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['client query timeout', wrapped(new Error('Query read timeout'))],
    ['connection lost', new Error('Connection terminated unexpectedly')],
  ])('%s → unavailable', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['missing table', wrapped(pgError('42P01'))],
    ['unique violation', wrapped(pgError('23505'))],
    ['a bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('%s → not unavailable', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('describeErrorForLog', () => {
  it('keeps the statement and pg code, never the parameters or pg detail', () => {
    const cause = Object.assign(pgError('23505', 'duplicate key'), {
      detail: 'Key (email)=(lead@secret.example) already exists.',
      constraint: 'leads_email_unique',
    });
    const text = JSON.stringify(describeErrorForLog(wrapped(cause)));
    expect(text).toContain('query failed: select 1 where x = $1');
    expect(text).toContain('23505');
    expect(text).toContain('leads_email_unique');
    expect(text).not.toContain('secret-key');
    expect(text).not.toContain('lead@secret.example');
  });
});
