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

describe('the way in to the review page', () => {
  it('the page without a token says how to create one, as the start-up banner does', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    // Served as is: the sign-in text is in the HTML, visible before any script runs.
    const signIn = page.body.match(/<div class="status" id="sign-in">([\s\S]*?)<\/div>/)?.[1] ?? '';
    expect(signIn).toContain('Sign in with an API token');
    expect(signIn).toContain(`<pre>${TOKEN_COMMAND}</pre>`);
    expect(startBanner('http://127.0.0.1:3000')).toContain(`\n  ${TOKEN_COMMAND}\n`);
  });

  it('answers /favicon.ico with an image', async () => {
    const icon = await h.app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(icon.body).toMatch(/^<svg /);
  });
});
