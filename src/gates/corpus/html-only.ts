import { htmlToText } from '../../ingest/html-to-text.ts';
import type { CorpusCase } from './corpus-case.ts';
import { human, machine } from './corpus-case.ts';

/*
 * Replies that arrive as HTML only (Smartlead's reply_message.html, an
 * EmailBison html_body, an HTML-only .eml), with accents written as named or
 * numeric entities the way Outlook and many web clients do. The gates read
 * what ingest/html-to-text.ts makes of them, exactly as in production.
 */

const de = { subject: 'AW: Kurze Frage zu Ihrem Vertriebsteam' };
const fr = { subject: 'RE: Petite question sur votre équipe commerciale' };
const es = { subject: 'RE: Pregunta rápida sobre su equipo de ventas' };

/** Outlook's HTML around a reply body, with our quoted first touch below. */
function outlookHtml(body: string): string {
  return [
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=us-ascii">',
    '<style><!-- p.MsoNormal {margin:0cm;} --></style></head>',
    '<body lang="EN-US"><div class="WordSection1">',
    body,
    '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>',
    '<div style="border:none;border-top:solid #E1E1E1 1.0pt">',
    '<p class="MsoNormal"><b>From:</b> Sarah Klein &lt;sarah@autosend-demo.com&gt;<br>',
    '<b>Sent:</b> Tuesday, March 4, 2025 9:12 AM<br>',
    '<b>Subject:</b> Quick question about SDR hiring</p></div>',
    '<p class="MsoNormal">Hi Tom,<br>Worth a 15-minute call next week?<br>',
    'Reply STOP to unsubscribe.</p>',
    '</div></body></html>',
  ].join('\n');
}

/** Gmail's HTML: a div per line, the quote in a blockquote. */
function gmailHtml(body: string): string {
  return [
    `<div dir="ltr">${body}</div><br>`,
    '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Tue, Mar 4, 2025 at 9:12 AM Sarah Klein &lt;<a href="mailto:sarah@autosend-demo.com">sarah@autosend-demo.com</a>&gt; wrote:<br></div>',
    '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">',
    '<div dir="ltr">Hi Tom,<div>Worth a 15-minute call next week?</div><div>Reply STOP to unsubscribe.</div></div>',
    '</blockquote></div>',
  ].join('');
}

function html(
  name: string,
  expected: CorpusCase['expected'],
  body: string,
  overrides: Partial<CorpusCase['message']> = {},
): CorpusCase {
  return { name: `HTML only: ${name}`, expected, message: human(htmlToText(body), overrides) };
}

function htmlMachine(
  name: string,
  body: string,
  overrides: Partial<CorpusCase['message']>,
): CorpusCase {
  return {
    name: `HTML only: ${name}`,
    expected: 'bounce',
    message: machine({ ...overrides, text: htmlToText(body) }),
  };
}

/** Opt-outs, bounces and out-of-office replies whose only text is entity-encoded HTML. */
export const HTML_ONLY: CorpusCase[] = [
  html(
    'EN opt-out, apostrophe as &#8217;',
    'opt_out',
    outlookHtml(
      '<p class="MsoNormal">Please remove me from your mailing list &#8211; I don&#8217;t want these emails.<o:p></o:p></p>',
    ),
  ),
  html('EN opt-out, bare Unsubscribe in Gmail HTML', 'opt_out', gmailHtml('Unsubscribe')),
  html(
    'DE opt-out, umlauts as entities',
    'opt_out',
    outlookHtml(
      '<p class="MsoNormal">Bitte l&ouml;schen Sie meine Daten und senden Sie mir keine E-Mails mehr.</p>',
    ),
    de,
  ),
  html(
    'DE opt-out, möchte mich abmelden as numeric entities',
    'opt_out',
    gmailHtml(
      'Guten Tag,<div><br></div><div>ich m&#246;chte mich von Ihren Mailings abmelden.</div>',
    ),
    de,
  ),
  html(
    'FR opt-out, me d&eacute;sabonner',
    'opt_out',
    gmailHtml('Bonjour,<div>Merci de me d&eacute;sabonner.</div><div>Claire</div>'),
    fr,
  ),
  html(
    'FR opt-out, d&eacute;sinscrire in Outlook HTML',
    'opt_out',
    outlookHtml(
      '<p class="MsoNormal">Merci de me d&eacute;sinscrire de votre liste.<o:p></o:p></p><p class="MsoNormal">Cordialement,<br>Claire Martin</p>',
    ),
    fr,
  ),
  html(
    'ES opt-out, no me escriban m&aacute;s',
    'opt_out',
    gmailHtml('No me escriban m&aacute;s, gracias.'),
    es,
  ),
  html(
    'ES opt-out, d&eacute;me de baja as hex entity',
    'opt_out',
    outlookHtml('<p class="MsoNormal">Por favor, darme de baja de su lista.&#xA0;Gracias.</p>'),
    es,
  ),
  html(
    'EN out-of-office, entities and nbsp',
    'auto_reply',
    outlookHtml(
      '<p class="MsoNormal">I&#8217;m currently out of the office with limited access to email.&nbsp;I will respond upon my return on Monday 10&nbsp;March.</p><p class="MsoNormal">For urgent matters please contact anna.schultz@acme-industrial.com.</p>',
    ),
  ),
  html(
    'DE out-of-office, nicht im B&uuml;ro',
    'auto_reply',
    outlookHtml(
      '<p class="MsoNormal">Vielen Dank f&uuml;r Ihre Nachricht. Ich bin bis einschlie&szlig;lich 14.03.2025 nicht im B&uuml;ro.</p><p class="MsoNormal">Ihre E-Mail wird nicht weitergeleitet. In dringenden F&auml;llen wenden Sie sich bitte an anna.schultz@acme-industrial.com.</p>',
    ),
    de,
  ),
  html(
    'FR out-of-office, absente du bureau',
    'auto_reply',
    outlookHtml(
      '<p class="MsoNormal">Bonjour,</p><p class="MsoNormal">Je suis absente du bureau jusqu&#8217;au 14 mars inclus, avec un acc&egrave;s limit&eacute; &agrave; mes e-mails.</p><p class="MsoNormal">Pour toute demande urgente, merci de contacter anna.schultz@acme-industrial.com.</p>',
    ),
    fr,
  ),
  html(
    'ES out-of-office, fuera de la oficina',
    'auto_reply',
    outlookHtml(
      '<p class="MsoNormal">Gracias por su mensaje. Estoy fuera de la oficina hasta el 14 de marzo, con acceso limitado al correo electr&oacute;nico.</p><p class="MsoNormal">Para asuntos urgentes, contacte con anna.schultz@acme-industrial.com.</p>',
    ),
    es,
  ),
  htmlMachine(
    'EN bounce, Gmail HTML notice',
    '<table><tr><td><h2>Address not found</h2><p>Your message wasn&#39;t delivered to <b>tom.b@acme-industrial.com</b> because the address couldn&#39;t be found.</p><p>The response was:</p><p>550 5.1.1 The email account that you tried to reach does not exist.</p></td></tr></table>',
    {
      fromEmail: 'mailer-daemon@googlemail.com',
      fromName: 'Mail Delivery Subsystem',
      subject: 'Delivery Status Notification (Failure)',
    },
  ),
  htmlMachine(
    'DE bounce, konnte nicht zugestellt werden',
    '<p>Ihre Nachricht an <b>tom.b@acme-industrial.de</b> konnte nicht zugestellt werden.</p><p>Der Empf&auml;nger wurde nicht gefunden.</p>',
    {
      fromEmail: 'postmaster@acme-industrial.de',
      subject: 'Unzustellbar: Kurze Frage zu Ihrem Vertriebsteam',
    },
  ),
  htmlMachine(
    'FR bounce, message non remis',
    '<p>Votre message &agrave; <b>claire@exemple.fr</b> n&#39;a pas pu &ecirc;tre remis.</p><p>Message non remis : l&#39;adresse est introuvable.</p>',
    { fromEmail: 'postmaster@exemple.fr', subject: 'Non remis : Petite question' },
  ),
  htmlMachine(
    'ES bounce, no se pudo entregar',
    '<p>El mensaje a <b>javier@ejemplo.es</b> no se pudo entregar: el destinatario no existe.</p><p>Direcci&oacute;n no encontrada.</p>',
    { fromEmail: 'mailer-daemon@ejemplo.es', subject: 'Mensaje no entregado' },
  ),
];
