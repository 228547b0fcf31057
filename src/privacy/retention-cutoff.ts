/** The instant before which content is purged: `days` whole days before `now`. Pure. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}
