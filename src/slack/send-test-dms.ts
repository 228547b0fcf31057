import type { WebClient } from '@slack/web-api';
import { makeChannelPacer } from './channel-pacer.ts';
import { makeEmailLookupCache } from './email-lookup-cache.ts';
import { parseReviewerTarget } from './reviewer-target.ts';
import { type DeliveryOutcome, sendToReviewer } from './send-to-reviewer.ts';
import { describeSlackFailure } from './slack-failure.ts';

export const DEFAULT_TEST_DM_TEXT =
  'Please confirm you can see this message, if you can then take a screenshot and send it to me';

/** One line per attempt: ok with channel and ts, or the Slack error with needed/provided scopes. Pure. */
export function formatTestDmLine(index: number, count: number, outcome: DeliveryOutcome): string {
  const head = `[${index}/${count}]`;
  if (outcome.ok) {
    const via = outcome.fallbackFrom
      ? ` (DM not opened: ${describeSlackFailure(outcome.fallbackFrom)}; posted to the member id)`
      : '';
    return `${head} ok ${outcome.method} channel=${outcome.channel} ts=${outcome.ts}${via}`;
  }
  return `${head} failed ${outcome.method}: ${describeSlackFailure(outcome.failure!)}`;
}

/**
 * Sends `count` test messages to one reviewer, one by one (paced per channel,
 * waiting out any Retry-After), writing one line per result and a final
 * `N sent, M failed`. Returns the counts.
 */
export async function sendTestDms(
  client: WebClient,
  input: { to: string; count: number; text: string; intervalMs: number },
  write: (line: string) => void,
): Promise<{ sent: number; failed: number }> {
  const target = parseReviewerTarget(input.to);
  if (!target) {
    write(`"${input.to}" is not an email, member id (U…/W…) or channel (#name, C…)\n`);
    write(`0 sent, ${input.count} failed\n`);
    return { sent: 0, failed: input.count };
  }
  const cache = makeEmailLookupCache();
  const pacer = makeChannelPacer({ intervalMs: input.intervalMs });
  let sent = 0;
  let failed = 0;
  for (let i = 1; i <= input.count; i++) {
    const outcome = await sendToReviewer(client, target, { text: input.text }, { cache, pacer });
    write(`${formatTestDmLine(i, input.count, outcome)}\n`);
    if (outcome.ok) sent++;
    else failed++;
    const wait = outcome.failure?.retryAfterSeconds;
    if (wait && i < input.count) await new Promise((r) => setTimeout(r, wait * 1000));
  }
  write(`${sent} sent, ${failed} failed\n`);
  return { sent, failed };
}
