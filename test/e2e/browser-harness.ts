import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createUser } from '../../src/auth/manage-users.ts';
import { completeSetup, createSetupLink } from '../../src/auth/setup-links.ts';
import type { Db } from '../../src/db/client.ts';

/*
 * What every dashboard browser test shares: Debian's chromium driven by
 * playwright-core (skipped, saying why, when it is missing), users with a
 * password, and signing in through the real form.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
export const PASSWORD = 'correct horse battery staple';

/** Warns once per test file when the browser tests cannot run. */
export function warnIfNoChromium(what: string): void {
  if (!haveChromium) console.warn(`${what} e2e skipped: no chromium at ${CHROMIUM}`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Signs in through the sign-in form and waits for the main navigation. */
export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** A user of the workspace with PASSWORD set through a setup link, as a person would. */
export async function userWithPassword(
  db: Db,
  workspaceId: string,
  email: string,
  role: 'admin' | 'reviewer',
): Promise<void> {
  const user = await createUser(db, 'test', { email, workspace: workspaceId, role });
  const link = await createSetupLink(db, { userId: user.userId, now: new Date() });
  await completeSetup(db, { token: link, password: PASSWORD }, new Date());
}
