import { describe, expect, it } from 'vitest';
import {
  classifyPlatformResponse,
  DEFAULT_RETRY_AFTER_SECONDS,
  parseRetryAfter,
  platformErrorMessage,
} from './classify-platform-response.ts';

const now = new Date('2026-03-02T10:00:00Z');
const answer = (status: number, body: unknown = {}, retryAfter: string | null = null) =>
  classifyPlatformResponse({ status, retryAfter, body, text: JSON.stringify(body), now });

describe('classifyPlatformResponse', () => {
  it.each([
    [200, 'ok'],
    [201, 'ok'],
    [401, 'auth'],
    [403, 'auth'],
    [429, 'rate_limited'],
    [400, 'validation'],
    [404, 'validation'],
    [422, 'validation'],
    [500, 'transient'],
    [502, 'transient'],
    [503, 'transient'],
    [504, 'unknown'],
  ])('HTTP %i is %s', (status, kind) => {
    expect(answer(status).kind).toBe(kind);
  });

  it('keeps the platform message of a refused request', () => {
    expect(answer(422, { message: 'The sender email id field is required.' })).toEqual({
      kind: 'validation',
      status: 422,
      message: 'The sender email id field is required.',
    });
  });

  it('takes the wait from Retry-After, seconds or date, and a default without it', () => {
    expect(answer(429, {}, '17')).toMatchObject({ retryAfterSeconds: 17 });
    expect(answer(429, {}, 'Mon, 02 Mar 2026 10:02:00 GMT')).toMatchObject({
      retryAfterSeconds: 120,
    });
    expect(answer(429, {})).toMatchObject({ retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS });
  });
});

describe('parseRetryAfter', () => {
  it('caps absurd hints at an hour and ignores junk', () => {
    expect(parseRetryAfter('999999', now)).toBe(3600);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
  });
});

describe('platformErrorMessage', () => {
  it('reads Instantly, Laravel (EmailBison) and plain-text errors', () => {
    expect(
      platformErrorMessage(
        { statusCode: 401, error: 'Unauthorized', message: 'Invalid API key' },
        '',
      ),
    ).toBe('Invalid API key');
    expect(
      platformErrorMessage(
        { message: 'The given data was invalid.', errors: { to_emails: ['required'] } },
        '',
      ),
    ).toBe('The given data was invalid. — to_emails: required');
    expect(platformErrorMessage({ data: { success: false, message: 'Reply not found' } }, '')).toBe(
      'Reply not found',
    );
    expect(platformErrorMessage(undefined, '<html>Bad Gateway</html>')).toBe(
      '<html>Bad Gateway</html>',
    );
  });
});
