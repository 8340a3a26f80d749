import { DataReader } from './data-reader';
import { TemplateDataError } from './email-template';

/** What every background-check email carries (the safeguarding lib's contract): never a result's details. */
export interface CheckData {
  checkId: string;
  checkUrl: string;
}

export function readCheck(r: DataReader): CheckData {
  return { checkId: r.string('checkId'), checkUrl: r.url('checkUrl') };
}

export function readBoolean(data: Record<string, unknown>, key: string): boolean {
  const v = data[key];
  if (typeof v !== 'boolean') throw new TemplateDataError(`data.${key} must be true or false`);
  return v;
}

/** Provider names as a volunteer reads them. */
export function providerName(provider: string): string {
  return provider === 'checkr'
    ? 'Checkr'
    : provider === 'sandbox'
      ? 'the Puente sandbox'
      : provider;
}
