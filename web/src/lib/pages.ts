/** A page of a list, as every list route answers (see /api/docs). */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** `url` with the page's cursor added (none for the first page). */
export function withCursor(url: string, cursor: string | null | undefined): string {
  if (!cursor) return url;
  return `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`;
}

/**
 * Follows a list page by page until `match` finds an item, or the list (or
 * `maxPages`) ends: a review deep in the queue is still found.
 */
export async function findInPages<T>(
  fetchPage: (cursor: string | null) => Promise<Page<T>>,
  match: (item: T) => boolean,
  maxPages = 50,
): Promise<T | undefined> {
  let cursor: string | null = null;
  for (let n = 0; n < maxPages; n++) {
    const page: Page<T> = await fetchPage(cursor);
    const found = page.items.find(match);
    if (found) return found;
    if (!page.nextCursor) return undefined;
    cursor = page.nextCursor;
  }
  return undefined;
}
