import { describe, expect, it } from 'vitest';
import { classifyOffline } from './offline-classify.ts';
import type { Category } from './provider.ts';

function classify(newText: string) {
  return classifyOffline({
    newText,
    subject: 'Re: quick question',
    fromEmail: 'lead@acme.test',
    leadEmail: 'lead@acme.test',
    transcript: [],
  });
}

const TABLE: Array<[string, Category]> = [
  ["Sounds good, let's talk.", 'interested'],
  ['This looks interesting, tell me more.', 'interested'],
  ["Yes please, I'd love to learn how this works for teams like ours.", 'interested'],
  ['Klingt gut, das ist interessant für uns.', 'interested'],
  ["Ça m'intéresse, merci.", 'interested'],
  ['Can we set up a meeting next week?', 'meeting_requested'],
  ['Does Tuesday work for you?', 'meeting_requested'],
  ['When are you free? Happy to chat.', 'meeting_requested'],
  ['Could we talk Thursday afternoon?', 'meeting_requested'],
  ['Send me a few times and I will pick one.', 'meeting_requested'],
  ['Gerne, können wir einen Termin machen?', 'meeting_requested'],
  ["Let's do Tuesday at 2pm.", 'meeting_requested'],
  ['Can we meet next month?', 'meeting_requested'],
  ['Give me a call at +49 30 1234567.', 'call_requested'],
  ['Call me tomorrow morning, easier than email.', 'call_requested'],
  ['My mobile number is 555-0100, ring me after 3.', 'call_requested'],
  ['How much does it cost?', 'information_requested'],
  ['Can you send more info? A case study would help.', 'information_requested'],
  ['Do you integrate with HubSpot?', 'information_requested'],
  ['Does it work with Instantly?', 'information_requested'],
  ['Is there an API?', 'information_requested'],
  ['Cuánto cuesta? Necesito más información.', 'information_requested'],
  ['Talk to my colleague Jane (jane@acme.test), she runs this.', 'referral'],
  ["I'm not the right person for this. Try our ops lead.", 'referral'],
  ['Please contact Marc at marc@acme.test about this.', 'referral'],
  ["I've cc'd Tom who owns our outbound.", 'referral'],
  ['We already use Outreach for this.', 'objection'],
  ["Interesting, but we're happy with our current agency.", 'objection'],
  ['Honestly it is too expensive for a team our size.', 'objection'],
  ["We don't have the budget this year.", 'objection'],
  ['Das ist uns zu teuer.', 'objection'],
  ['Reach out next quarter.', 'follow_up_later'],
  ['Not right now, maybe after the summer.', 'follow_up_later'],
  ['Ping me again in 3 months please.', 'follow_up_later'],
  ['Bad timing, we are mid-migration. Try again in Q3.', 'follow_up_later'],
  ['Not interested.', 'not_interested'],
  ['No thanks, this is not a fit for us.', 'not_interested'],
  ['Kein Interesse.', 'not_interested'],
  ['No estamos interesados, gracias.', 'not_interested'],
  ['I am out of the office until 12 March with limited access to email.', 'out_of_office'],
  ['Ich bin im Urlaub und ab Montag wieder erreichbar.', 'out_of_office'],
  ['Unsubscribe', 'unsubscribe'],
  ['Please remove me from your list.', 'unsubscribe'],
  ['Merci de me désinscrire.', 'unsubscribe'],
  ['I booked a time for Thursday through your link.', 'meeting_booked'],
  ['Just grabbed a slot on your calendar, see you then.', 'meeting_booked'],
  ['This is an automated response: your message has been received.', 'automated_reply'],
  ['Thanks.', 'neutral'],
  ['Who is this?', 'neutral'],
  ['Can you remove the setup fee?', 'information_requested'],
];

describe('classifyOffline', () => {
  it.each(TABLE)('%s → %s', (text, expected) => {
    expect(classify(text).category).toBe(expected);
  });

  it('quotes the phrase that decided the category as evidence', () => {
    const result = classify('Talk to my colleague Jane (jane@acme.test), she runs this.');
    expect(result.evidence).toBe('Talk to my colleague');
    expect(classify('How much does it cost?').evidence).toBe('How much');
  });

  it('treats a person who is away but proposes a time as a meeting request', () => {
    expect(classify("I'm currently away until Monday, can we talk Tuesday?").category).toBe(
      'meeting_requested',
    );
  });

  it('does not read "not interested" as interest', () => {
    expect(classify('We are not interested at the moment.').category).toBe('not_interested');
  });

  it('returns neutral for an empty reply', () => {
    expect(classify('   ').category).toBe('neutral');
  });

  it('is deterministic', () => {
    const runs = TABLE.map(([text]) => classify(text));
    expect(TABLE.map(([text]) => classify(text))).toEqual(runs);
  });

  it('returns a confidence between 0 and 1', () => {
    for (const [text] of TABLE) {
      const { confidence } = classify(text);
      expect(confidence).toBeGreaterThan(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });
});
