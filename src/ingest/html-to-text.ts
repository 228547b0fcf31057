import { convert, type HtmlToTextOptions } from 'html-to-text';

/*
 * Platforms sometimes send only HTML (Smartlead's reply_message.html, an
 * EmailBison html_body, an HTML-only .eml). Gates and classification read
 * plain text, so every named and numeric entity must be decoded ("me
 * d&eacute;sabonner" is an opt-out) and line and quote structure kept. The
 * `html-to-text` library (the one mailparser uses) does both; this file only
 * fixes the options: no wrapping (the gates read sentences across lines), no
 * upper-casing of headings, images dropped, link targets kept once (a lead's
 * own scheduling link may sit behind its label).
 */

const OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  preserveNewlines: false,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['<', '>'] } },
    { selector: 'img', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'h5', options: { uppercase: false } },
    { selector: 'h6', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
    { selector: 'blockquote', options: { trimEmptyLines: true } },
  ],
};

/** Converts an HTML email body to plain text: block tags become line breaks, every entity decoded. */
export function htmlToText(html: string): string {
  return convert(html, OPTIONS)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
