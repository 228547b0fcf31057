/**
 * Out-of-office wordings in English, German, French and Spanish, weighted.
 * One "I'm away" sentence is something people write by hand; boilerplate
 * ("for urgent matters please contact", "limited access to email", "upon my
 * return") piles up only in auto-replies. `detect-auto-reply.ts` adds the
 * weights and lets human signals veto.
 */

/** Statements that a machine wrote this; enough alone (when not a question). */
export const AUTOMATION_STATEMENTS: RegExp[] = [
  /\b(this is|this message is|this e-?mail is|this is just)\s+an?\s+(automatic(ally generated)?|automated|auto[- ]?generated)\s+(reply|response|message|e-?mail|notification|notice)\b/i,
  /^\s*\[?(automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of office( reply| notice)?)\]?\s*[:.\-–]?\s*$/im,
  /\babwesenheitsnotiz\b/i,
  /\bautomatische\s+(antwort|abwesenheits\w*|nachricht|benachrichtigung)\b/i,
  /\b(dies ist|diese (e-?mail|nachricht) ist)\s+eine\s+automatisch(e|)\s*(generierte\s+)?(antwort|nachricht|e-?mail)\b/i,
  /\b(r[ée]ponse|message)\s+automatique\b/i,
  /\bceci est un message (g[ée]n[ée]r[ée] )?automatiquement\b/i,
  /\brespuesta\s+autom[áa]tica\b/i,
  /\b(mensaje|correo)\s+(autom[áa]tico|generado autom[áa]ticamente)\b/i,
];

/** "I am out of the office", "Ich bin … nicht im Büro", "Je suis absent(e)", "Estoy fuera de la oficina". */
export const AWAY_STATEMENTS: RegExp[] = [
  /\bI('m| am| will be| shall be| ll be)\s+(currently\s+|now\s+|presently\s+)?(out of (the )?office|OOO|away from (the|my) (office|desk)|on (annual |parental |maternity |paternity |sick |medical |sabbatical |study |holiday )?leave|on (vacation|holiday|holidays|sabbatical|a business trip|business travel|pto)|away)\b/i,
  /\b(currently|presently)\s+(out of (the )?office|away|on leave|on (vacation|holiday)|travell?ing|ooo)\b/i,
  /\bout of (the )?office (until|from|through|till|between|and|with|on)\b/i,
  /\bich bin\s+(\S+\s+){0,7}?(nicht im (büro|haus|hause)|außer haus|im urlaub|abwesend|in elternzeit|auf (dienst|geschäfts)reise|im mutterschutz|krankgeschrieben)/i,
  /\b(nicht im büro|außer haus|außer dem haus)\b/i,
  /\bich bin\s+(\S+\s+){0,5}?nicht erreichbar\b/i,
  /\b(befinde mich|bin)\s+(\S+\s+){0,5}?(im urlaub|abwesend|auf (dienst|geschäfts)reise)/i,
  /\bje (suis|serai)\s+(actuellement\s+|pr[ée]sentement\s+)?(absente?|en cong[ée]s?|en vacances|en d[ée]placement|hors du bureau|en arr[êe]t)/i,
  /\babsence du bureau\b/i,
  /\b(estoy|estar[ée]|me encuentro)\s+(actualmente\s+)?(fuera de la oficina|fuera|de vacaciones|ausente|de viaje|de permiso)/i,
  /\bfuera de la oficina\b/i,
];

/** Boilerplate that only auto-replies carry. */
export const BOILERPLATE: RegExp[] = [
  /\blimited (e-?mail )?access\b|\blimited access to (e-?mail|my e-?mail|my inbox|messages|my messages)\b/i,
  /\b(upon|on|after) my return\b/i,
  /\b(no|without|little|intermittent|sporadic|limited) (access to (e-?mail|my e-?mail|my inbox|messages)|e-?mail access)\b/i,
  /\b(need|require) (immediate|urgent) (assistance|help|support|attention)\b/i,
  /\bsin acceso al? (correo|e-?mail)\b|\bohne (e-?mail-?)?zugriff\b/i,
  /\b(for|with) (urgent|immediate|time[- ]sensitive) (matters|inquiries|enquiries|requests|issues|questions|assistance|support|help|concerns)\b/i,
  /\bif (this is|it is|it'?s|your (matter|request|enquiry|inquiry) is) (urgent|time[- ]sensitive)\b/i,
  /\b(in|during) my absence\b/i,
  /\bwill not be (forwarded|read)\b/i,
  /\b(this|my) (mailbox|inbox|e-?mail (address|account)) is (no longer|not) (monitored|active|in use|checked)\b/i,
  /\b(is )?no longer (with|employed (by|at)|work(s|ing)? (at|for)) (the company|\w+)\b/i,
  /\b(has|have|I'?ve) left (the company|the organi[sz]ation|\w+)\b/i,
  /\b(during (this|that) time|while I'?m away|while I am away|in the meantime),?\s+(please\s+)?(contact|reach out to|e-?mail|call|write to)\b/i,
  /\bin dringenden fällen\b|\bdringende(n)? (anliegen|angelegenheiten|fragen)\b/i,
  /\bwenden sie sich (bitte |gerne )?(direkt )?an\b/i,
  /\b(keinen|nur eingeschränkten|eingeschränkten) (zugriff|e-?mail-?zugriff)\b/i,
  /\bnach meiner rückkehr\b/i,
  /\bwird nicht weitergeleitet\b/i,
  /\ben cas d'urgence\b|\bpour toute (demande|question) urgente\b/i,
  /\bveuillez contacter\b|\bvous pouvez contacter\b/i,
  /(?<!\p{L})[àa] mon retour\b/iu,
  /\bacc[eè]s (limit[ée]|restreint)\b/i,
  /\bne sera pas (transf[ée]r[ée]|lu)\b/i,
  /\ben caso de urgencia\b|\bpara (asuntos|temas|consultas) urgentes\b/i,
  /\bacceso limitado\b/i,
  /\ba mi (regreso|vuelta)\b/i,
  /\bno ser[áa] reenviado\b/i,
];

/** Weaker hints: the return date, a thank-you opener. */
export const WEAK_HINTS: RegExp[] = [
  /\b(I will|I'll|I shall) (be )?(back|return(ing)?)\b.{0,30}\b(on|in the office|to the office)\b/i,
  /\breturning (to the office )?on\b|\bback in the office (on|from)\b/i,
  /\bwhen I (return|get back|am back|'m back)\b/i,
  /\bthank you for your (e-?mail|message|note|mail)\b|\bthanks for your (e-?mail|message)\b/i,
  /\b(wieder (im büro|erreichbar|da|zurück))\b/i,
  /\bvielen dank für ihre (nachricht|e-?mail|mail)\b/i,
  /\b(je serai )?de retour (le|au bureau)\b/i,
  /\bmerci pour votre (message|e-?mail|courriel)\b/i,
  /\bestar[ée] de (vuelta|regreso)\b|\bregreso el\b/i,
  /\bgracias por su (correo|mensaje|e-?mail)\b/i,
];

/** A person engaging with us: a reason to believe a human wrote the away note. */
export const HUMAN_SIGNALS: RegExp[] = [
  /\b(let'?s|sounds (good|great|interesting)|i'?m interested|we'?re interested|interested in|happy to (chat|talk|meet|connect|jump|discuss)|would love to|tell me more|send (me|over)|works for me|book a|schedule a|set up a (call|meeting|time))\b/i,
  /\byour (proposal|offer|product|tool|platform|solution|service|pricing|email about|note about)\b/i,
  /\b(klingt (\p{L}+ )?(gut|interessant|spannend)|passt (mir|gut)|können wir|lassen sie uns|ihr angebot|ich bin interessiert)\b/iu,
  /(?<!\p{L})(volontiers|avec plaisir|ça m'int[ée]resse|cela m'int[ée]resse|pouvons-nous|on peut|votre (offre|proposition|solution))\b/iu,
  /\b(con gusto|me interesa|podemos|su (propuesta|oferta|soluci[óo]n)|hablemos)\b/i,
];

/** A question to us (not "Urgent? Call …"). */
export const QUESTION_TO_US =
  /\b(you|your|we|us|sie|wir|vous|nous|usted|ustedes|podemos|pouvez|können)\b[^?]*\?/i;
export const URGENT_QUESTION =
  /\b(urgent|dringend|urgence|urgente|immediate|need help|besoin d'aide|ayuda)\b/i;
