/**
 * Settings grouped by the capability that reads them, so that each command
 * validates only what it uses: `migrate` must not fail because OPENAI_API_KEY
 * is missing. Keys outside every group (database, data dir, HTTP, worker, kill
 * switch, secret key) are always read. A command that does not use a group
 * gets that group's defaults, which it never looks at. Pure.
 */

export type ConfigGroup = 'ai' | 'sending' | 'slack' | 'availability';

export const ALL_CONFIG_GROUPS: readonly ConfigGroup[] = ['ai', 'sending', 'slack', 'availability'];

export const CONFIG_GROUP_KEYS: Record<ConfigGroup, readonly string[]> = {
  ai: [
    'AI_PROVIDER',
    'OPENAI_API_KEY',
    'OPENAI_BASE_URL',
    'OPENAI_MODEL',
    'OPENAI_DRAFT_TIMEOUT_MS',
    'OPENAI_MAX_RETRIES',
  ],
  sending: ['SENDER', 'SMTP_URL'],
  slack: ['SLACK_BOT_TOKEN', 'SLACK_API_URL', 'SLACK_SIGNING_SECRET'],
  availability: [
    'AVAILABILITY_CACHE_TTL_SECONDS',
    'AVAILABILITY_MIN_NOTICE_MINUTES',
    'AVAILABILITY_HORIZON_DAYS',
    'SLOTS_PER_LEAD',
    'SLOT_OFFER_CAP',
  ],
};

/** The environment without the keys of groups the command does not use. */
export function keepUsedGroups(
  source: Record<string, string | undefined>,
  uses: readonly ConfigGroup[],
): Record<string, string | undefined> {
  const dropped = new Set(
    ALL_CONFIG_GROUPS.filter((g) => !uses.includes(g)).flatMap((g) => CONFIG_GROUP_KEYS[g]),
  );
  return Object.fromEntries(Object.entries(source).filter(([key]) => !dropped.has(key)));
}
