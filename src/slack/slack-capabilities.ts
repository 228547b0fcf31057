/*
 * What a bot token can do for review notifications, from its granted scopes
 * alone. Pure. Scopes per method, from Slack's method reference:
 * users.lookupByEmail needs users:read.email (requested together with
 * users:read), conversations.open needs im:write for a 1:1 DM,
 * chat.postMessage needs chat:write (chat:write.public to post in public
 * channels the app has not joined). `conversations:write` is not a bot scope
 * (it belonged to the retired workspace apps), so no fix here ever names it.
 */

export type CapabilityId =
  | 'dm_by_email'
  | 'dm_by_member_id'
  | 'post_public_channel'
  | 'post_private_channel';

export interface Capability {
  id: CapabilityId;
  label: string;
  works: boolean;
  /** Scopes to add for this capability to work fully. */
  missingScopes: string[];
  /** What works today and its limits, in a sentence. */
  note: string;
  /** The exact steps to make it work, when it does not fully. */
  fix: string | undefined;
}

const REQUIRED: Record<CapabilityId, string[]> = {
  dm_by_email: ['users:read', 'users:read.email', 'im:write', 'chat:write'],
  dm_by_member_id: ['im:write', 'chat:write'],
  post_public_channel: ['chat:write', 'chat:write.public'],
  post_private_channel: ['chat:write'],
};

/** Every scope review notifications use, in the order an operator adds them. */
export const NOTIFICATION_SCOPES = [
  'chat:write',
  'chat:write.public',
  'im:write',
  'users:read',
  'users:read.email',
] as const;

const LABELS: Record<CapabilityId, string> = {
  dm_by_email: 'DM a reviewer by email',
  dm_by_member_id: 'DM a reviewer by member id',
  post_public_channel: 'Post to a public channel',
  post_private_channel: 'Post to a private channel',
};

/** The exact fix for missing scopes: where to add them, reinstall, and where the token goes. */
export function scopeFixText(missing: string[]): string {
  return (
    `Add the Bot Token Scopes ${missing.join(', ')} under OAuth & Permissions → Scopes at ` +
    'https://api.slack.com/apps (your app), then reinstall the app to the workspace ' +
    '(OAuth & Permissions → Reinstall to Workspace) so the token gains them, then update ' +
    'SLACK_BOT_TOKEN where the service runs with the Bot User OAuth Token shown there ' +
    '(it may change on reinstall) and run `autosend slack doctor` again.'
  );
}

/** Assesses the four ways of reaching a reviewer from the token's granted scopes. */
export function assessCapabilities(granted: readonly string[]): Capability[] {
  const has = new Set(granted.map((s) => s.trim()));
  const missingOf = (id: CapabilityId) => REQUIRED[id].filter((s) => !has.has(s));
  const chatWrite = has.has('chat:write');
  const out: Capability[] = [];

  const email = missingOf('dm_by_email');
  const lookupMissing = email.filter((s) => s.startsWith('users:'));
  out.push({
    id: 'dm_by_email',
    label: LABELS.dm_by_email,
    works: email.length === 0,
    missingScopes: email,
    note:
      email.length === 0
        ? 'works: users.lookupByEmail finds the member, conversations.open opens the DM.'
        : lookupMissing.length
          ? `impossible: users.lookupByEmail needs ${lookupMissing.join(' and ')}, so reviewers given by email cannot be found.`
          : chatWrite
            ? "partly: members are found, but without im:write the DM cannot be opened; messages are posted to the member id instead (they fail when the app's Messages tab is off)."
            : 'impossible: the token cannot post messages (chat:write).',
    fix: email.length ? scopeFixText(email) : undefined,
  });

  const member = missingOf('dm_by_member_id');
  out.push({
    id: 'dm_by_member_id',
    label: LABELS.dm_by_member_id,
    works: member.length === 0,
    missingScopes: member,
    note:
      member.length === 0
        ? 'works: conversations.open opens the DM.'
        : chatWrite
          ? "partly: without im:write the DM cannot be opened; messages are posted to the member id instead (they fail when the app's Messages tab is off)."
          : 'impossible: the token cannot post messages (chat:write).',
    fix: member.length ? scopeFixText(member) : undefined,
  });

  const pub = missingOf('post_public_channel');
  out.push({
    id: 'post_public_channel',
    label: LABELS.post_public_channel,
    works: chatWrite,
    missingScopes: pub,
    note: !chatWrite
      ? 'impossible: the token cannot post messages (chat:write).'
      : has.has('chat:write.public')
        ? 'works: in any public channel, joined or not.'
        : 'works only in public channels the app has been invited to (/invite @your-app); add chat:write.public to post in any public channel.',
    fix: pub.length ? scopeFixText(pub) : undefined,
  });

  out.push({
    id: 'post_private_channel',
    label: LABELS.post_private_channel,
    works: chatWrite,
    missingScopes: missingOf('post_private_channel'),
    note: chatWrite
      ? 'works in private channels the app is a member of: invite it with /invite @your-app in the channel.'
      : 'impossible: the token cannot post messages (chat:write).',
    fix: chatWrite ? undefined : scopeFixText(['chat:write']),
  });
  return out;
}
