import { isIsoDate } from '@puente/platform';
import { TemplateDataError } from './email-template';

/** Reads typed fields out of a row's jsonb data by dotted path, naming the path when one is bad. */
export class DataReader {
  constructor(private readonly data: Record<string, unknown>) {}

  private raw(path: string): unknown {
    let value: unknown = this.data;
    for (const key of path.split('.')) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  }

  private fail(path: string, what: string): never {
    throw new TemplateDataError(`data.${path} must be ${what}`);
  }

  string(path: string): string {
    const v = this.raw(path);
    if (typeof v !== 'string' || !v.trim()) this.fail(path, 'a non-empty string');
    return v;
  }

  optionalString(path: string): string | null {
    const v = this.raw(path);
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string') this.fail(path, 'a string when present');
    return v;
  }

  date(path: string): string {
    const v = this.raw(path);
    if (!isIsoDate(v)) this.fail(path, 'a date written YYYY-MM-DD');
    return v;
  }

  int(path: string): number {
    const v = this.raw(path);
    if (typeof v !== 'number' || !Number.isInteger(v)) this.fail(path, 'an integer');
    return v;
  }

  oneOf<T extends string | number>(path: string, allowed: readonly T[]): T {
    const v = this.raw(path);
    if (!allowed.includes(v as T)) this.fail(path, `one of ${allowed.join(', ')}`);
    return v as T;
  }

  url(path: string): string {
    const v = this.string(path);
    if (!/^https?:\/\/\S+$/.test(v)) this.fail(path, 'an absolute http(s) URL');
    return v;
  }

  optionalUrl(path: string): string | null {
    return this.raw(path) === undefined || this.raw(path) === null ? null : this.url(path);
  }

  stringArray(path: string): string[] {
    const v = this.raw(path);
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
      this.fail(path, 'an array of strings');
    return v as string[];
  }

  array(path: string): DataReader[] {
    const v = this.raw(path);
    if (!Array.isArray(v) || v.some((x) => x === null || typeof x !== 'object'))
      this.fail(path, 'an array of objects');
    return (v as Record<string, unknown>[]).map((item) => new DataReader(item));
  }
}
