import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-to-text.ts';

describe('htmlToText', () => {
  it.each([
    ['<p>Merci de me d&eacute;sabonner</p>', 'Merci de me désabonner'],
    ['Bitte l&ouml;schen Sie meine Daten &ndash; danke', 'Bitte löschen Sie meine Daten – danke'],
    ['No me escriban m&#225;s', 'No me escriban más'],
    ['I don&#x2019;t want these', 'I don’t want these'],
    ['Yes&nbsp;please &euro;49', 'Yes please €49'],
    ['&lt;tom@acme.com&gt; &amp; co', '<tom@acme.com> & co'],
  ])('decodes every entity: %s', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('keeps lines, drops head, styles and images, quotes blockquotes', () => {
    const text = htmlToText(
      '<html><head><style>p{margin:0}</style><title>x</title></head><body><div>Hi Sarah,<br>Tuesday works.</div><img src="cid:logo"><blockquote><p>Worth a call?</p></blockquote></body></html>',
    );
    expect(text).toBe('Hi Sarah,\nTuesday works.\n\n> Worth a call?');
  });

  it('keeps a link target the label hides (a lead scheduling link)', () => {
    expect(htmlToText('<p>Grab a time <a href="https://calendly.com/tom">here</a></p>')).toBe(
      'Grab a time here <https://calendly.com/tom>',
    );
  });
});
