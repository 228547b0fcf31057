import type { OfferedSlot } from '../ai/provider.ts';
import type { Slot } from './slot.ts';

/** The languages slot labels are written in (those the reply engine answers in). */
export type LabelLanguage = 'en' | 'de' | 'fr' | 'es';

const LOCALES: Record<LabelLanguage, string> = {
  en: 'en-GB',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
};

function dayText(at: Date, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: zone,
  }).format(at);
}

function timeText(at: Date, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(at);
}

/**
 * "Tuesday 12 January, 10:00–10:30 (Europe/Berlin)", or in the lead's
 * language ("Dienstag, 12. Januar, 10:00–10:30 (Europe/Berlin)", "mardi 12
 * janvier, …", "martes, 12 de enero, …"): the slot on the reader's clock,
 * zone named, written by Intl.DateTimeFormat so a German draft can quote it
 * as it stands. The draft guards read days and times structurally in all
 * four languages (decision/check-slot-mentions.ts).
 */
export function formatSlotLabel(slot: Slot, zone: string, language: LabelLanguage = 'en'): string {
  const locale = LOCALES[language];
  const start = new Date(slot.start);
  const end = new Date(slot.end);
  const startDay = dayText(start, zone, locale);
  const endDay = dayText(end, zone, locale);
  const endText =
    endDay === startDay ? timeText(end, zone, locale) : `${endDay}, ${timeText(end, zone, locale)}`;
  return `${startDay}, ${timeText(start, zone, locale)}–${endText} (${zone})`;
}

/** A slot as handed to the draft, labelled in the lead's language. */
export function toOfferedSlot(
  slot: Slot,
  zone: string,
  language: LabelLanguage = 'en',
): OfferedSlot {
  return {
    start: slot.start,
    end: slot.end,
    label: formatSlotLabel(slot, zone, language),
    timeZone: zone,
  };
}
