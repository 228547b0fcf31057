import type { GateHit, GateMessage } from './gate-message.ts';
import { quoteEvidence } from './gate-message.ts';

/**
 * Bounce detection. Words alone never make a bounce: a person can write
 * "your mail was rejected by our filter". A bounce needs machine context (a
 * DSN content type or part, a mailer-daemon/postmaster sender, a null return
 * path, automation headers, or the platform's own flag) AND evidence of a
 * permanent failure. Delay notices (Action: delayed, 4.x.x) are not bounces.
 */

const AUTOMATED_LOCAL_PART =
  /^(mailer-daemon|mailer_daemon|maildaemon|mail-daemon|postmaster|mdaemon|bounces?([+-].*)?|microsoftexchange[0-9a-f]{0,40}|nobody-bounce)$/i;
const AUTOMATED_NAME =
  /\b(mail delivery (subsystem|system|service)|mailer[- ]daemon|postmaster|delivery status notification|mail administrator)\b/i;

const DSN_CONTENT_TYPE = /multipart\/report[\s\S]*report-type\s*=\s*"?delivery-status/i;
const DSN_PART = /content-type:\s*message\/delivery-status/i;
const DSN_FIELDS = /^\s*(reporting-mta|final-recipient|original-recipient|arrival-date)\s*:/im;

/** Wordings MTAs and mailbox providers put in failure notices (subject or body). */
const FAILURE_WORDING: RegExp[] = [
  /\baddress not found\b/i,
  /delivery status notification \(failure\)/i,
  /^\s*undeliverable\s*:/i,
  /\bundeliverable (mail|message)\b/i,
  /delivery has failed to these recipients/i,
  /RESOLVER\.[A-Z]+\.[A-Za-z]+/,
  /undelivered mail returned to sender/i,
  /this is the mail system at host/i,
  /mail delivery failed/i,
  /returning message to sender/i,
  /created automatically by mail delivery software/i,
  /(sorry, )?we were unable to deliver your message/i,
  /\bfailure notice\b/i,
  /\bwasn'?t able to deliver your message\b/i,
  /\b(your )?message (wasn'?t|was not|could not be|couldn'?t be) delivered\b/i,
  /\bdelivery to the following recipients? failed\b/i,
  /\bcould not be delivered to one or more recipients\b/i,
  /\bhad permanent fatal errors\b/i,
  /\bpermanent (error|failure)\b/i,
  /\b(user|recipient|mailbox) (unknown|not found|unavailable|does not exist)\b/i,
  /\bno such (user|mailbox|recipient)\b/i,
  /\brecipient address rejected\b/i,
  /\bdelivery (failure|failed)\b/i,
  /\breturned mail\b/i,
  /\bunzustellbar\b/i,
  /\bnicht zugestellt werden\b/i,
  /\bnon remis\b/i,
  /\bnon distribuable\b/i,
  /\bno se (ha podido|pudo) entregar\b/i,
  /\bno entregado\b/i,
];

/** Wordings of "still trying" notices, which are not bounces. */
const DELAY_WORDING: RegExp[] = [
  /delivery status notification \(delay\)/i,
  /\bdelivery (delayed|incomplete)\b/i,
  /\bdelayed mail\b/i,
  /\bmessage .{0,40}\bdelayed\b/i,
  /\bhas not (yet )?been delivered\b/i,
  /\b(will|continue to) (retry|try again|keep trying)\b/i,
  /\bstill (being )?(retried|trying)\b/i,
  /\bdelivery attempts will continue\b/i,
  /\bhasn'?t been delivered yet\b/i,
  /\btemporary (problem|failure|error)\b/i,
];

const FORWARD_SUBJECT = /^\s*(fwd?|fw|wg|tr|rv|enc|i)\s*:/i;

interface DsnFields {
  failed: string | null;
  transientOnly: boolean;
}

/** Reads per-recipient Action/Status/Diagnostic-Code lines of a delivery-status part. */
function readDsnFields(text: string): DsnFields | null {
  const actions = [...text.matchAll(/^\s*action\s*:\s*([a-z]+)/gim)].map((m) =>
    m[1]!.toLowerCase(),
  );
  const statuses = [...text.matchAll(/^\s*status\s*:\s*([245])\.(\d{1,3})\.(\d{1,3})\b.*$/gim)];
  const diagnostic = text.match(/^\s*diagnostic-code\s*:.*$/im)?.[0];
  if (actions.length === 0 && statuses.length === 0) return null;
  const permanentStatus = statuses.find((m) => m[1] === '5');
  if (actions.includes('failed') || permanentStatus) {
    const parts = [permanentStatus?.[0], diagnostic].filter((p): p is string => Boolean(p));
    return {
      failed: parts.length > 0 ? parts.join(' | ') : 'Action: failed',
      transientOnly: false,
    };
  }
  return { failed: null, transientOnly: true };
}

function isAutomatedSender(msg: GateMessage): string | null {
  if (isAutomatedAddress(msg.fromEmail)) return `sender ${msg.fromEmail}`;
  if (msg.fromName && AUTOMATED_NAME.test(msg.fromName)) return `sender name "${msg.fromName}"`;
  return null;
}

function hasNullReturnPath(msg: GateMessage): boolean {
  const rp = msg.returnPath ?? msg.headers['return-path'];
  if (rp === undefined || rp === null) return false;
  return rp.trim() === '' || rp.trim() === '<>';
}

function isAutomatedAddress(address: string): boolean {
  const local = address.replace(/[<>\s]/g, '').split('@')[0] ?? '';
  return AUTOMATED_LOCAL_PART.test(local);
}

function hasRealReturnPath(msg: GateMessage): boolean {
  const rp = msg.returnPath ?? msg.headers['return-path'];
  return typeof rp === 'string' && rp.includes('@') && !isAutomatedAddress(rp);
}

function machineContext(msg: GateMessage): string | null {
  const contentType = msg.headers['content-type'] ?? '';
  if (DSN_CONTENT_TYPE.test(contentType)) return 'Content-Type multipart/report delivery-status';
  // A person forwarding a bounce to us ("Fwd: Undeliverable") is not one.
  // DSN text pasted by a person (a forward, or a reply from a real mailbox):
  // real DSNs travel with a null return path, so a known real one rules them out.
  const forwarded = FORWARD_SUBJECT.test(msg.subject) || hasRealReturnPath(msg);
  if (DSN_PART.test(msg.text) && !forwarded) return 'message/delivery-status part';
  const sender = isAutomatedSender(msg);
  if (sender) return sender;
  if (msg.headers['x-failed-recipients']) {
    return `X-Failed-Recipients: ${msg.headers['x-failed-recipients']}`;
  }
  if (hasNullReturnPath(msg)) return 'null return path';
  const autoSubmitted = msg.headers['auto-submitted']?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  if (DSN_FIELDS.test(msg.text) && !forwarded) return 'DSN fields';
  return null;
}

function firstMatchingLine(text: string, patterns: RegExp[]): string | null {
  for (const line of text.split(/\r?\n/)) {
    if (patterns.some((re) => re.test(line))) return line;
  }
  return null;
}

/** SMTP reply lines such as "550 5.1.1 <x@y> User unknown" in plain-text bounces. */
const SMTP_PERMANENT =
  /\b5[0-5]\d[ -]#?5\.\d{1,3}\.\d{1,3}\b|\b5[0-5]\d\b[ :-][^\n]{0,100}\b(rejected|unknown|not exist|does not exist|doesn'?t exist|invalid|unavailable|not found|no such|disabled|full|not a valid|denied|blocked)\b/i;
const SMTP_TRANSIENT = /\b4[0-5]\d[ -]#?4\.\d{1,3}\.\d{1,3}\b/;

function platformBounce(flags: Record<string, unknown>): string | null {
  if (flags['isBounce'] === true || flags['is_bounce'] === true) return 'platform flag isBounce';
  const event = flags['eventType'] ?? flags['event_type'];
  if (typeof event === 'string' && /bounce/i.test(event)) return `platform event ${event}`;
  return null;
}

/**
 * Returns a bounce hit when the message is a permanent delivery failure of
 * our mail, else null. Evidence quotes the Status/Diagnostic-Code or the line
 * that matched.
 */
export function detectBounce(msg: GateMessage): GateHit | null {
  const flagged = platformBounce(msg.platformFlags);
  if (flagged) return { gate: 'bounce', evidence: flagged };

  const context = machineContext(msg);
  if (!context) return null;

  const dsn = readDsnFields(msg.text);
  if (dsn?.failed) return { gate: 'bounce', evidence: quoteEvidence(dsn.failed) };
  if (dsn?.transientOnly) return null;

  const smtp = firstMatchingLine(msg.text, [SMTP_PERMANENT]);
  if (smtp) return { gate: 'bounce', evidence: quoteEvidence(`${context}: ${smtp}`) };

  const failure =
    firstMatchingLine(msg.subject, FAILURE_WORDING) ?? firstMatchingLine(msg.text, FAILURE_WORDING);
  const delay =
    firstMatchingLine(msg.subject, DELAY_WORDING) ??
    firstMatchingLine(msg.text, DELAY_WORDING) ??
    firstMatchingLine(msg.text, [SMTP_TRANSIENT]);
  if (delay) return null;
  if (failure) return { gate: 'bounce', evidence: quoteEvidence(`${context}: ${failure}`) };

  // A DSN content type with neither fields nor wording is still a failure report.
  if (context.startsWith('Content-Type multipart/report')) {
    return { gate: 'bounce', evidence: context };
  }
  return null;
}
