/** Page size asked of Instantly's listings (its documented maximum is 100). */
export const INSTANTLY_PAGE_LIMIT = 100;
/** At most this many pages are read from one listing: a bound on a runaway cursor. */
export const MAX_LISTING_PAGES = 50;
