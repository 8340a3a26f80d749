import { registerDecorator } from 'class-validator';
import isISO6391 from 'validator/lib/isISO6391';

/** An ISO 639-1 language code such as es or en (the same codes profiles use). */
export function IsLanguageCode(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isLanguageCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an ISO 639-1 language code such as es or en' },
      validator: { validate: (v: unknown) => typeof v === 'string' && isISO6391(v) },
    });
}

export const SKILL_SLUG = /^[a-z0-9-]{1,64}$/;

export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
