import type { PlatformName } from './classify-platform-response.ts';
import { INSTANTLY_API_URL } from './instantly-sender.ts';
import { SMARTLEAD_API_URL } from './smartlead-sender.ts';

/** The API base of a connection: its `baseUrl` setting, else the platform's public API. */
export function platformBaseUrl(platform: PlatformName, settings: Record<string, unknown>): string {
  const given = typeof settings.baseUrl === 'string' ? settings.baseUrl : undefined;
  if (given) return given;
  if (platform === 'smartlead') return SMARTLEAD_API_URL;
  if (platform === 'instantly') return INSTANTLY_API_URL;
  // The schema requires an instance URL for EmailBison; a row without one is a bug.
  throw new Error('an EmailBison connection needs its instance URL (baseUrl)');
}
