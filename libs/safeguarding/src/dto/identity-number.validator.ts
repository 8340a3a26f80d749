import { registerDecorator, ValidationOptions } from 'class-validator';

// A US SSN (123-45-6789, 123 45 6789, 123456789): never to be stored, even by mistake.
const SSN = /(^|\D)\d{3}[- ]?\d{2}[- ]?\d{4}(\D|$)/;

/** Refuses text that looks like a social security number. */
export function IsNotIdentityNumber(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotIdentityNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: '$property must not contain a social security or identity number',
        ...options,
      },
      validator: { validate: (v: unknown) => typeof v !== 'string' || !SSN.test(v) },
    });
}
