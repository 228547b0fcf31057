import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBanner } from '../../src/cli/start-banner.ts';
import { type ApiHarness, startApiHarness } from './api-fixtures.ts';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

const TOKEN_COMMAND = 'npm run autosend -- token create --name reviewer --role reviewer';

describe('the way in', () => {
  it('the banner gives the one-time first-admin link while no one can sign in', () => {
    const banner = startBanner('http://127.0.0.1:3000', 'http://127.0.0.1:3000/setup#abc');
    expect(banner).toContain('dashboard and API at http://127.0.0.1:3000\n');
    expect(banner).toContain(
      'Create the first admin (one-time link):\n  http://127.0.0.1:3000/setup#abc\n',
    );
    expect(banner).toContain(`\n  ${TOKEN_COMMAND}\n`);
  });

  it('once someone can sign in, the banner says how to add people instead', () => {
    const banner = startBanner('http://127.0.0.1:3000');
    expect(banner).not.toContain('/setup');
    expect(banner).toContain('npm run autosend -- user create --email EMAIL --workspace ID');
  });

  it('answers /favicon.ico with an image', async () => {
    const icon = await h.app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(icon.body).toMatch(/^<svg /);
  });
});
