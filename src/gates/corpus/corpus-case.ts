import type { Gate, GateMessage } from '../gate-message.ts';

/** One realistic received message and the gate it must trip (null: none). */
export interface CorpusCase {
  name: string;
  message: GateMessage;
  expected: Gate | null;
}

/** Our first touch, as leads' mail clients quote it (footer included). */
export const OUR_EMAIL_LINES = [
  'Hi Tom,',
  '',
  'Noticed Acme Industrial is hiring three SDRs this quarter. Teams like yours',
  'use Autosend to answer replies in minutes instead of hours.',
  '',
  'Worth a 15-minute call next week?',
  '',
  'Sarah Klein',
  'Autosend',
  '',
  'Reply STOP to unsubscribe.',
];

/** Our first touch quoted Gmail-style, with the attribution line. */
export const GMAIL_QUOTE = [
  'On Tue, Mar 4, 2025 at 9:12 AM Sarah Klein <sarah@autosend-demo.com> wrote:',
  ...OUR_EMAIL_LINES.map((l) => (l === '' ? '>' : `> ${l}`)),
].join('\n');

/** Our first touch quoted Outlook-style (header block, no `>`). */
export const OUTLOOK_QUOTE = [
  '________________________________',
  'From: Sarah Klein <sarah@autosend-demo.com>',
  'Sent: Tuesday, March 4, 2025 9:12 AM',
  'To: Tom Baker <tom@acme-industrial.com>',
  'Subject: Quick question about SDR hiring',
  '',
  ...OUR_EMAIL_LINES,
].join('\n');

/** The original message as DSNs attach it below the report. */
export const ORIGINAL_MESSAGE = [
  'Return-Path: <sarah@autosend-demo.com>',
  'Message-ID: <CAF3x9k2pQ@mail.gmail.com>',
  'From: Sarah Klein <sarah@autosend-demo.com>',
  'To: tom@acme-industrial.com',
  'Subject: Quick question about SDR hiring',
  'Date: Tue, 4 Mar 2025 09:12:44 +0000',
  '',
  ...OUR_EMAIL_LINES,
].join('\n');

/** A reply as a person sends it: real return path, no automation headers. */
export function human(text: string, overrides: Partial<GateMessage> = {}): GateMessage {
  return {
    fromEmail: 'tom@acme-industrial.com',
    fromName: 'Tom Baker',
    returnPath: '<tom@acme-industrial.com>',
    subject: 'Re: Quick question about SDR hiring',
    text,
    headers: { 'content-type': 'text/plain; charset="UTF-8"' },
    platformFlags: {},
    ...overrides,
  };
}

/** A machine-sent message: null return path unless overridden. */
export function machine(overrides: Partial<GateMessage> & { text: string }): GateMessage {
  return {
    fromEmail: 'mailer-daemon@example.net',
    returnPath: '<>',
    subject: '',
    headers: {},
    platformFlags: {},
    ...overrides,
  };
}

/** Joins lines with LF; keeps the corpus readable as lists of lines. */
export function lines(...parts: string[]): string {
  return parts.join('\n');
}
