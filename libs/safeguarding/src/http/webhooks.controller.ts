import { Controller, HttpCode, HttpStatus, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Public } from '@puente/accounts';
import type { FastifyRequest } from 'fastify';
import { WebhooksService } from '../services/webhooks.service';

@ApiTags('safeguarding')
@Public()
@Controller('webhooks/background-checks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post(':provider')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Events from a background-check provider',
    description:
      'Verified over the raw body (HMAC-SHA256, constant-time). sandbox: `Puente-Signature: t=<unix>,v1=<hex HMAC of "<t>.<body>" with BACKGROUND_CHECK_WEBHOOK_SECRET>`, refused when t is more than 5 minutes off. ' +
      'checkr: `X-Checkr-Signature: <hex HMAC of the body with CHECKR_WEBHOOK_SECRET>`. A repeated event id answers 200 and changes nothing; unknown event types are acknowledged.',
  })
  @ApiParam({ name: 'provider', enum: ['sandbox', 'checkr'] })
  @ApiHeader({ name: 'Puente-Signature', required: false, description: 'sandbox' })
  @ApiHeader({ name: 'X-Checkr-Signature', required: false, description: 'checkr' })
  @ApiBody({
    schema: {
      type: 'object',
      example: {
        id: 'evt_sbx_0f3c_completed',
        type: 'check.completed',
        created: 1767225600,
        data: { reference: 'sbx_0f3c', result: 'clear' },
      },
    },
  })
  @ApiOkResponse({ schema: { example: { received: true, duplicate: false } } })
  @ApiBadRequestResponse({ description: 'a signed body that is not an event' })
  @ApiUnauthorizedResponse({ description: 'missing, wrong or stale signature' })
  @ApiNotFoundResponse({ description: 'no such provider' })
  async receive(
    @Param('provider') provider: string,
    @Req() req: RawBodyRequest<FastifyRequest>,
  ): Promise<{ received: true; duplicate: boolean }> {
    const outcome = await this.webhooks.handle(provider, req.rawBody, req.headers);
    return { received: true, duplicate: outcome === 'duplicate' };
  }
}
