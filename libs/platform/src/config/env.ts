import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Every setting Puente reads, with defaults that work on a machine running PostgreSQL and
 * Redis on their standard local ports. Validated once at start-up (see loadEnv).
 */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_-]+(\?.*)?$/, {
    message: 'DATABASE_URL must look like postgres://user@host:5432/database',
  })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/puente';

  @Matches(/^rediss?:\/\/[^/]+(\/\d{1,2})?$/, {
    message: 'REDIS_URL must look like redis://host:6379 or redis://host:6379/0',
  })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Bull key in Redis, so several deployments (or test runs) can share one Redis. */
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, {
    message: 'QUEUE_PREFIX must be 1-64 letters, digits, : _ -',
  })
  QUEUE_PREFIX = 'puente';

  /** Unset: emails are written as .eml files under MAIL_DIR instead of being sent. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must look like smtp://user:pass@host:587' })
  SMTP_URL?: string;

  @IsString()
  MAIL_DIR = 'var/mail';

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Puente <no-reply@puente.local>';

  @IsUrl(
    { require_tld: false, require_protocol: true },
    { message: 'PUBLIC_URL must be an absolute http(s) URL' },
  )
  PUBLIC_URL = 'http://localhost:3000';

  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET = 'puente-development-secret-change-me';

  @Matches(/^\d+[smhd]$/, { message: 'JWT_EXPIRES_IN must look like 15m, 12h or 7d' })
  JWT_EXPIRES_IN = '12h';

  @IsEmail({}, { message: 'BOOTSTRAP_ADMIN_EMAIL must be an email address' })
  BOOTSTRAP_ADMIN_EMAIL = 'admin@puente.local';

  @IsString()
  @MinLength(10, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be at least 10 characters' })
  BOOTSTRAP_ADMIN_PASSWORD = 'puente-admin-password';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  AUTH_RATE_LIMIT_PER_MINUTE = 10;

  /** true behind a load balancer: the client address (for rate limits) comes from X-Forwarded-For. */
  @IsIn(['true', 'false'], { message: 'TRUST_PROXY must be true or false' })
  TRUST_PROXY: 'true' | 'false' = 'false';

  /** Comma-separated allowed origins, or * for any. */
  @IsString()
  CORS_ORIGINS = '*';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  OUTBOX_SWEEP_MS = 10_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  EMAIL_CONCURRENCY = 10;

  @IsIn(['sandbox', 'checkr', 'manual'])
  BACKGROUND_CHECK_PROVIDER: 'sandbox' | 'checkr' | 'manual' = 'sandbox';

  @IsString()
  @MinLength(16, { message: 'BACKGROUND_CHECK_WEBHOOK_SECRET must be at least 16 characters' })
  BACKGROUND_CHECK_WEBHOOK_SECRET = 'puente-sandbox-webhook-secret';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  SANDBOX_CHECK_DELAY_MS = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(120)
  BACKGROUND_CHECK_VALID_MONTHS = 24;

  /** How often the worker re-drives checks a lost job left behind, and runs the daily safeguarding job when due. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  BACKGROUND_CHECK_REPAIR_MS = 60_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(120)
  SAFEGUARDING_TRAINING_VALID_MONTHS = 24;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  ADVERSE_ACTION_WAIT_DAYS = 5;

  @IsUrl(
    { require_tld: false, require_protocol: true },
    { message: 'CHECKR_API_URL must be an absolute http(s) URL' },
  )
  CHECKR_API_URL = 'https://api.checkr.com';

  @IsOptional()
  @IsString()
  CHECKR_API_KEY?: string;

  @IsOptional()
  @IsString()
  CHECKR_WEBHOOK_SECRET?: string;

  @IsOptional()
  @IsString()
  CHECKR_PACKAGE = 'driver_pro';
}

export class InvalidEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'InvalidEnvError';
  }
}

/** Validates the environment; throws InvalidEnvError with one line per bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(new Env())) {
    const value = source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const key of ['SMTP_URL', 'CHECKR_API_KEY', 'CHECKR_WEBHOOK_SECRET']) {
    if (source[key]) raw[key] = source[key] as string;
  }
  const env = plainToInstance(Env, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  const problems = errors.map(
    (e) =>
      `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (got ${JSON.stringify(raw[e.property] ?? null)})`,
  );
  if (env.NODE_ENV === 'production' && env.JWT_SECRET === new Env().JWT_SECRET) {
    problems.push('JWT_SECRET: must be set to a secret of your own in production');
  }
  if (problems.length) throw new InvalidEnvError(problems);
  return env;
}
