import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('createLogger', () => {
  it('never writes secrets or webhook query strings', () => {
    const { lines, logger } = capture();
    logger.info({ token: 'xoxb-123', config: { apiKey: 'sk-live', password: 'hunter2' } }, 'x');
    logger.info(
      { req: { method: 'POST', url: '/webhooks/emailbison/k?secret=s3cr3t', headers: {} } },
      'r',
    );
    const out = lines.join('');
    expect(out).not.toMatch(/xoxb-123|sk-live|hunter2|s3cr3t/);
    expect(out).toContain('/webhooks/emailbison/k');
  });
});
