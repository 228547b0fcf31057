/**
 * Scheduling-page hosts: when a lead sends one of these ("grab a time on my
 * calendar"), we must not offer our own slots.
 */
const SCHEDULER_PATTERNS: RegExp[] = [
  /^(?:[\w-]+\.)?calendly\.com\/.+/i,
  /^(?:app\.)?cal\.com\/.+/i,
  /^cal\.eu\/.+/i,
  /^meetings(?:-[a-z0-9]+)?\.hubspot\.com\/.+/i,
  /^savvycal\.com\/.+/i,
  /^zcal\.co\/.+/i,
  /^tidycal\.com\/.+/i,
  /^(?:[\w-]+\.)?youcanbook\.me/i,
  /^(?:[\w-]+\.)?chilipiper\.com\/.+/i,
  /^outlook\.office(?:365)?\.com\/(?:owa\/)?calendar\/.+\/bookings/i,
  /^outlook\.office(?:365)?\.com\/book\/.+/i,
  /^calendar\.app\.google\/.+/i,
  /^calendar\.google\.com\/calendar\/(?:u\/\d+\/)?appointments\/.+/i,
  /^(?:www\.)?acuityscheduling\.com\/.+/i,
  /^[\w-]+\.as\.me(?:\/|$)/i,
  /^(?:app\.)?reclaim\.ai\/m\/.+/i,
  /^(?:app\.)?motion\.com\/meet\/.+/i,
  /^(?:www\.)?vyte\.in\/.+/i,
  /^(?:app\.)?lemcal\.com\/.+/i,
];

const URL_RE =
  /\bhttps?:\/\/[^\s<>"')\]]+|\b(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|me|co|ai|in|eu|app\.google)\/[^\s<>"')\]]+/gi;

/** Every URL-looking string in a text, trailing punctuation removed. */
export function findUrls(text: string): string[] {
  return [...text.matchAll(URL_RE)].map((m) => m[0].replace(/[.,;:!?]+$/, ''));
}

/** Scheduling links (Calendly, Cal.com, HubSpot meetings, …) found in a reply or its signature. */
export function findSchedulerLinks(text: string): string[] {
  return findUrls(text).filter((url) => {
    const bare = url.replace(/^https?:\/\//i, '');
    return SCHEDULER_PATTERNS.some((re) => re.test(bare));
  });
}
