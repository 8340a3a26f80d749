import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BadRequestError } from '@puente/platform';
import { DataSource } from 'typeorm';
import type { OptionalCategory } from '../preferences/notification-opt-out.entity';
import { OptOutsService } from '../preferences/opt-outs.service';
import { UnsubscribeTokens } from '../preferences/unsubscribe-tokens';
import { TemplateRegistry } from '../templates/template-registry';

/** One-click unsubscribe: turns a non-essential category off and drops what was waiting. */
@Injectable()
export class UnsubscribeService {
  private readonly logger = new Logger(UnsubscribeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: UnsubscribeTokens,
    private readonly optOuts: OptOutsService,
    private readonly templates: TemplateRegistry,
  ) {}

  /** Throws 400 for a token we did not sign. */
  check(token: string): { userId: string; category: OptionalCategory } {
    const claim = this.tokens.verify(token);
    if (!claim) throw new BadRequestError('token is not a valid unsubscribe token');
    return claim;
  }

  async unsubscribe(token: string): Promise<OptionalCategory> {
    const { userId, category } = this.check(token);
    await this.optOuts.optOut(userId, category);
    const templates = this.templates
      .names()
      .filter((name) => this.templates.get(name)?.optionalCategory === category);
    // The worker checks opt-outs at send time too; this just tidies what is already waiting.
    await this.dataSource.query(
      `UPDATE notifications
          SET status = 'cancelled', last_error = $3, updated_at = now()
        WHERE user_id = $1 AND status = 'pending' AND template = ANY($2::varchar[])`,
      [userId, templates, `the recipient unsubscribed from ${category} emails`],
    );
    this.logger.log({ userId, category }, 'unsubscribed');
    return category;
  }
}
