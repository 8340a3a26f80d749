import { Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@puente/accounts';
import type { FastifyReply } from 'fastify';
import { escapeHtml } from '../../templates/layout';
import { UnsubscribeService } from '../unsubscribe.service';
import { UnsubscribedView, UnsubscribeQueryDto } from './notification.dto';

const WHAT: Record<string, string> = {
  digest: 'the daily digest of new applications',
  survey: 'post-trip surveys',
};

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Helvetica,Arial,sans-serif;max-width:480px;margin:48px auto;padding:0 16px;color:#1c1917;line-height:1.5"><h1 style="font-size:22px">${escapeHtml(title)}</h1>${body}</body></html>`;
}

/**
 * RFC 8058 one-click unsubscribe. Mail clients POST to the List-Unsubscribe URL (no login: the
 * signed token says who and what). The link in the email body opens the GET page, which asks for
 * a click before acting, so link scanners that fetch every URL do not unsubscribe anyone.
 */
@ApiTags('notifications')
@Public()
@Controller('notifications/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Get()
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'a page with a button that unsubscribes' })
  @ApiBadRequestResponse({ description: 'a token we did not sign' })
  show(@Query() query: UnsubscribeQueryDto, @Res() reply: FastifyReply): void {
    reply.header('content-type', 'text/html; charset=utf-8');
    let category: string;
    try {
      category = this.unsubscribe.check(query.token).category;
    } catch {
      reply
        .status(400)
        .send(
          page(
            'This link is not valid',
            '<p>Check that you copied the whole link from the email.</p>',
          ),
        );
      return;
    }
    reply.send(
      page(
        'Unsubscribe',
        `<p>Stop receiving ${escapeHtml(WHAT[category])} from Puente? Messages about your applications and trips will still reach you.</p>
<form method="post" action="?token=${escapeHtml(encodeURIComponent(query.token))}"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" style="padding:10px 16px;font-size:16px">Unsubscribe</button></form>`,
      ),
    );
  }

  @Post()
  @HttpCode(200)
  @ApiQuery({ name: 'token', description: 'the token from the List-Unsubscribe URL' })
  @ApiOkResponse({
    type: UnsubscribedView,
    description: 'that category is off for the user (HTML for browsers)',
  })
  @ApiBadRequestResponse({ description: 'a token we did not sign' })
  async oneClick(
    @Query() query: UnsubscribeQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UnsubscribedView | string> {
    const category = await this.unsubscribe.unsubscribe(query.token);
    if (accept?.includes('text/html')) {
      reply.header('content-type', 'text/html; charset=utf-8');
      return page(
        'You are unsubscribed',
        `<p>You will no longer receive ${escapeHtml(WHAT[category])} from Puente.</p>`,
      );
    }
    return { unsubscribed: true, category };
  }
}
