import { DateTime } from 'luxon';
import { z } from 'zod';
import { ValidationError } from '../errors.ts';

/**
 * The shape of `workspaces.availability_config` for each availability source.
 * Parsed once where a source is built, so a bad setting is reported by field
 * name instead of failing deep inside a fetch. docs/availability.md documents it.
 */

const zone = z.string().refine((v) => DateTime.local().setZone(v).isValid, 'an IANA time zone');
const baseUrl = z
  .string()
  .regex(/^https?:\/\/\S+$/i, 'an http(s) URL')
  .transform((v) => v.replace(/\/+$/, ''));
const minutes = z.number().int().min(5).max(480);
const interval = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM-HH:MM')
  .refine((v) => {
    const [a, b] = v.split('-') as [string, string];
    return a < b;
  }, 'the end after the start');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const weeklyHoursSettings = z.object({
  /** Zone of the schedule; defaults to the workspace's time zone. */
  timeZone: zone.optional(),
  /** Meeting length, minutes. */
  slotMinutes: minutes.default(30),
  /** Distance between slot starts; defaults to slotMinutes. */
  stepMinutes: minutes.optional(),
  /** Local working intervals per weekday, e.g. { mon: ["09:00-12:00", "13:00-17:00"] }. */
  hours: z.partialRecord(z.enum(WEEKDAYS), z.array(interval)),
  /** Busy times: an iCalendar feed (a calendar's "secret address in iCal format"). */
  icsUrl: z
    .string()
    .regex(/^(https?|webcal):\/\/\S+$/i, 'an http(s) or webcal URL')
    .optional(),
});

export const calendlySettings = z.object({
  /** https://api.calendly.com/event_types/<uuid> */
  eventTypeUri: z.string().regex(/^https?:\/\/\S+\/event_types\/\S+$/, 'an event type URI'),
  /** Personal access token or OAuth token with availability:read. */
  token: z.string().min(1),
  slotMinutes: minutes.default(30),
  baseUrl: baseUrl.default('https://api.calendly.com'),
  /** Largest window per request: 31 days today, 7 on older accounts (a 400 also drops to 7). */
  maxWindowDays: z.number().int().min(1).max(31).default(31),
});

export const calcomSettings = z
  .object({
    eventTypeId: z.number().int().positive().optional(),
    username: z.string().min(1).optional(),
    eventTypeSlug: z.string().min(1).optional(),
    organizationSlug: z.string().min(1).optional(),
    /** cal_… key; public event types need none. */
    apiKey: z.string().min(1).optional(),
    /** Meeting length when the response carries starts only; also sent as `duration`. */
    slotMinutes: minutes.default(30),
    /** range: the response carries each slot's end; time: starts only. */
    format: z.enum(['range', 'time']).default('range'),
    baseUrl: baseUrl.default('https://api.cal.com'),
  })
  .refine((s) => s.eventTypeId !== undefined || (s.username && s.eventTypeSlug), {
    message: 'eventTypeId, or username with eventTypeSlug, is required',
    path: ['eventTypeId'],
  });

export const ghlSettings = z.object({
  calendarId: z.string().min(1),
  token: z.string().min(1),
  userId: z.string().min(1).optional(),
  slotMinutes: minutes.default(30),
  /** Zone the free slots are computed in; defaults to the workspace's. */
  timeZone: zone.optional(),
  baseUrl: baseUrl.default('https://services.leadconnectorhq.com'),
});

export type WeeklyHoursSettings = z.infer<typeof weeklyHoursSettings> & { timeZone: string };
export type CalendlySettings = z.infer<typeof calendlySettings>;
export type CalcomSettings = z.infer<typeof calcomSettings>;
export type GhlSettings = z.infer<typeof ghlSettings> & { timeZone: string };

export type AvailabilitySourceName = 'weekly_hours' | 'calendly' | 'calcom' | 'ghl';

export type AvailabilitySettings =
  | { source: 'weekly_hours'; settings: WeeklyHoursSettings }
  | { source: 'calendly'; settings: CalendlySettings }
  | { source: 'calcom'; settings: CalcomSettings }
  | { source: 'ghl'; settings: GhlSettings };

const schemas = {
  weekly_hours: weeklyHoursSettings,
  calendly: calendlySettings,
  calcom: calcomSettings,
  ghl: ghlSettings,
} as const;

/**
 * Validates a workspace's availability_config for its source. Throws
 * ValidationError naming each bad field (`availabilityConfig.hours.mon.0`).
 */
export function parseAvailabilitySettings(
  source: AvailabilitySourceName,
  config: unknown,
  workspaceTimeZone: string,
): AvailabilitySettings {
  const parsed = schemas[source].safeParse(config ?? {});
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      fields[['availabilityConfig', ...issue.path].join('.')] = issue.message;
    }
    throw new ValidationError(`availability_config is not valid for source ${source}`, fields);
  }
  const data = parsed.data as Record<string, unknown>;
  if (source === 'weekly_hours' || source === 'ghl') {
    data.timeZone = (data.timeZone as string | undefined) ?? workspaceTimeZone;
  }
  return { source, settings: data } as AvailabilitySettings;
}
