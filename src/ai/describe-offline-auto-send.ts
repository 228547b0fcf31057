/**
 * The plain warning shown when the offline engine would answer leads by
 * itself: its replies are fixed templates, not a model. Pure; `start`,
 * `campaign set` and `/readyz` all print this same text.
 */
export function describeOfflineAutoSend(
  provider: 'offline' | 'openai',
  autoSendCampaigns: string[],
): string | null {
  if (provider !== 'offline' || autoSendCampaigns.length === 0) return null;
  const names = autoSendCampaigns.map((n) => `"${n}"`).join(', ');
  return `AI_PROVIDER=offline: ${autoSendCampaigns.length === 1 ? 'campaign' : 'campaigns'} ${names} ${autoSendCampaigns.length === 1 ? 'is' : 'are'} AI_AUTO_SEND, so replies may be sent automatically from fixed templates, not a language model. Set AI_PROVIDER=openai (and run "autosend eval") or switch the campaign to MANUAL.`;
}
