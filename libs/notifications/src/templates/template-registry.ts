import { Injectable } from '@nestjs/common';
import { LOCALES, type EmailTemplate } from './email-template';
import { EMAIL_TEMPLATES } from './index';

/** The templates by name: the ones listed in templates/index.ts, plus any registered at start-up. */
@Injectable()
export class TemplateRegistry {
  private readonly templates = new Map<string, EmailTemplate<any>>();

  constructor() {
    for (const template of EMAIL_TEMPLATES) this.register(template);
  }

  register(template: EmailTemplate<any>): void {
    if (this.templates.has(template.name))
      throw new Error(`the email template ${template.name} is registered twice`);
    for (const locale of LOCALES)
      if (!template.content[locale])
        throw new Error(`the email template ${template.name} has no ${locale} content`);
    this.templates.set(template.name, template);
  }

  get(name: string): EmailTemplate<any> | undefined {
    return this.templates.get(name);
  }

  names(): string[] {
    return [...this.templates.keys()].sort();
  }
}
