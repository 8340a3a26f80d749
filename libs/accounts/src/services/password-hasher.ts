import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

// A valid argon2id hash of a random string: verifying against it costs what a real check costs,
// so a login for an unknown email takes as long as one with a wrong password.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$Umyu8EXaRXV9673ejDmpAg$0c+stc4UCABJmMYVBDDTDUufcGPagmrx4MMHHIlIg2U';

/** argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane). */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return argon2.hash(password, {
      type: argon2.argon2id,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      const ok = await argon2.verify(hash ?? DUMMY_HASH, password);
      return ok && hash !== undefined;
    } catch {
      return false;
    }
  }
}
