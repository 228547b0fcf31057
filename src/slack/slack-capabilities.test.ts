import { describe, expect, it } from 'vitest';
import { assessCapabilities, scopeFixText } from './slack-capabilities.ts';

const summary = (scopes: string[]) =>
  Object.fromEntries(
    assessCapabilities(scopes).map((c) => [c.id, [c.works, c.missingScopes.join(' ')]]),
  );

describe('assessCapabilities', () => {
  it.each([
    [
      'the limited token from the field',
      ['assistant:write', 'channels:read', 'chat:write', 'chat:write.public', 'users:write'],
      {
        dm_by_email: [false, 'users:read users:read.email im:write'],
        dm_by_member_id: [false, 'im:write'],
        post_public_channel: [true, ''],
        post_private_channel: [true, ''],
      },
    ],
    [
      'a full token',
      ['chat:write', 'chat:write.public', 'im:write', 'users:read', 'users:read.email'],
      {
        dm_by_email: [true, ''],
        dm_by_member_id: [true, ''],
        post_public_channel: [true, ''],
        post_private_channel: [true, ''],
      },
    ],
    [
      'no chat:write',
      ['users:read', 'users:read.email', 'im:write'],
      {
        dm_by_email: [false, 'chat:write'],
        dm_by_member_id: [false, 'chat:write'],
        post_public_channel: [false, 'chat:write chat:write.public'],
        post_private_channel: [false, 'chat:write'],
      },
    ],
    [
      'nothing',
      [],
      {
        dm_by_email: [false, 'users:read users:read.email im:write chat:write'],
        dm_by_member_id: [false, 'im:write chat:write'],
        post_public_channel: [false, 'chat:write chat:write.public'],
        post_private_channel: [false, 'chat:write'],
      },
    ],
  ])('%s', (_name, scopes, expected) => {
    expect(summary(scopes)).toEqual(expected);
  });

  it('says DMs by email are impossible and why, and that public channels work, on the limited token', () => {
    const [email, , pub] = assessCapabilities([
      'assistant:write',
      'channels:read',
      'chat:write',
      'chat:write.public',
      'users:write',
    ]);
    expect(email!.note).toMatch(
      /^impossible: users.lookupByEmail needs users:read and users:read.email/,
    );
    expect(pub!.note).toBe('works: in any public channel, joined or not.');
  });

  it('names the fix: scopes under OAuth & Permissions, reinstall, SLACK_BOT_TOKEN; never conversations:write', () => {
    const fix = scopeFixText(['im:write']);
    expect(fix).toContain('im:write under OAuth & Permissions');
    expect(fix).toContain('Reinstall to Workspace');
    expect(fix).toContain('update SLACK_BOT_TOKEN where the service runs');
    const all = JSON.stringify(assessCapabilities([]));
    expect(all).not.toContain('conversations:write');
  });
});
