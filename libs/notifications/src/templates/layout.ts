import type { EmailContent, Locale } from './email-template';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const WORDS: Record<
  Locale,
  { hi: (name: string | null) => string; signOff: string; unsubscribe: string; optional: string }
> = {
  en: {
    hi: (name) => (name ? `Hi ${name},` : 'Hello,'),
    signOff: 'The Puente team',
    unsubscribe: 'Unsubscribe',
    optional: 'You can turn these emails off at any time:',
  },
  es: {
    hi: (name) => (name ? `Hola, ${name}:` : 'Hola:'),
    signOff: 'El equipo de Puente',
    unsubscribe: 'Darse de baja',
    optional: 'Puedes dejar de recibir estos correos cuando quieras:',
  },
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Subjects are one line: no header injection through data. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Builds the plain-text and HTML bodies from a template's content. Every string from the data is
 * escaped here, so templates never write HTML themselves.
 */
export function renderLayout(
  content: EmailContent,
  locale: Locale,
  recipientName: string | null,
  unsubscribeUrl: string | null,
): RenderedEmail {
  const w = WORDS[locale];
  const greeting = w.hi(recipientName);
  const width = Math.max(0, ...(content.details ?? []).map((d) => d.label.length)) + 2;

  const text: string[] = [greeting, ''];
  for (const p of content.paragraphs) text.push(p, '');
  if (content.details?.length) {
    for (const d of content.details) text.push(`${`${d.label}:`.padEnd(width)}${d.value}`);
    text.push('');
  }
  if (content.list?.length) {
    for (const item of content.list) text.push(`  - ${item}`);
    text.push('');
  }
  if (content.action) text.push(`${content.action.label}: ${content.action.url}`, '');
  for (const f of content.footnotes ?? []) text.push(f, '');
  text.push('—', w.signOff);
  if (unsubscribeUrl) text.push('', w.optional, unsubscribeUrl);

  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const html: string[] = [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8">`,
    `<title>${escapeHtml(oneLine(content.subject))}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f5f5f4;font-family:Helvetica,Arial,sans-serif;color:#1c1917;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">',
    p(greeting),
    ...content.paragraphs.map(p),
  ];
  if (content.details?.length) {
    html.push('<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">');
    for (const d of content.details)
      html.push(
        `<tr><th align="left" style="padding:2px 16px 2px 0;font-weight:600;vertical-align:top">${escapeHtml(d.label)}</th>` +
          `<td style="padding:2px 0">${escapeHtml(d.value)}</td></tr>`,
      );
    html.push('</table>');
  }
  if (content.list?.length)
    html.push(
      `<ul style="margin:0 0 16px">${content.list.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`,
    );
  if (content.action)
    html.push(
      `<p style="margin:0 0 16px"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#0f766e;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>`,
      `<p style="margin:0 0 16px;font-size:13px;color:#57534e">${escapeHtml(content.action.url)}</p>`,
    );
  for (const f of content.footnotes ?? [])
    html.push(`<p style="margin:0 0 16px;font-size:13px;color:#57534e">${escapeHtml(f)}</p>`);
  html.push(p(`— ${w.signOff}`));
  if (unsubscribeUrl)
    html.push(
      `<p style="margin:24px 0 0;font-size:12px;color:#78716c">${escapeHtml(w.optional)} ` +
        `<a href="${escapeHtml(unsubscribeUrl)}" style="color:#78716c">${escapeHtml(w.unsubscribe)}</a></p>`,
    );
  html.push('</div></body></html>');

  return { subject: oneLine(content.subject), text: text.join('\n'), html: html.join('\n') };
}
