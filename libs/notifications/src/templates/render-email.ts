import { buildIcs } from './calendar';
import type { EmailTemplate, RenderContext } from './email-template';
import { renderLayout, type RenderedEmail } from './layout';

export interface RenderedMessage extends RenderedEmail {
  /** The .ics file, for templates with a calendar event. */
  ics: string | null;
  /** Set when the template says there is nothing to send (the row is cancelled). */
  skipReason: string | null;
}

/** Renders a template over a row's data; throws TemplateDataError when the data does not fit. */
export function renderEmail(
  template: EmailTemplate<any>,
  data: Record<string, unknown>,
  ctx: RenderContext,
  unsubscribeUrl: string | null,
): RenderedMessage {
  const parsed: unknown = template.parse(data);
  const skipReason = template.skip?.(parsed) ?? null;
  const content = template.content[ctx.locale](parsed, ctx);
  const body = renderLayout(content, ctx.locale, ctx.recipientName, unsubscribeUrl);
  const ics = template.calendar ? buildIcs(template.calendar(parsed, ctx), ctx.now) : null;
  return { ...body, ics, skipReason };
}
