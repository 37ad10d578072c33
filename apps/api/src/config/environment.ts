import { Transform, plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MinLength, Min, ValidateBy, validateSync, type ValidationError } from 'class-validator';
import { isIP } from 'node:net';
import { isHostPattern } from '../edge/host-header';
import { isTrustProxy } from '../edge/trust-proxy';

/**
 * The schema of every environment variable the API reads, with its default. It is the `validate`
 * function of @nestjs/config (see app-config.loader.ts) and what `loadConfig` runs for tests. Empty
 * values count as unset, as they always have here (`PORT= npm start` means the default).
 *
 * Messages name the variable ($property) and quote the value given ($value).
 */

const INTEGER = /^-?[0-9]+$/;
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && INTEGER.test(value) ? Number(value) : value);
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/** An integer variable in [min, max]; every check carries the same message. */
function IntegerVar(min: number, max: number): PropertyDecorator {
  const message = `$property must be an integer from ${min} to ${max}, got "$value"`;
  return (target, key) => {
    Transform(toInteger)(target, key);
    IsInt({ message })(target, key);
    Min(min, { message })(target, key);
    Max(max, { message })(target, key);
  };
}

function BooleanVar(): PropertyDecorator {
  return (target, key) => {
    Transform(toBoolean)(target, key);
    ValidateBy({ name: 'isBooleanVar', validator: { validate: (value) => typeof value === 'boolean' } }, { message: '$property must be true or false, got "$value"' })(
      target,
      key,
    );
  };
}

/** A URL variable whose scheme is one of `protocols` (credentials never appear in the message). */
function UrlVar(protocols: string[]): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isUrlVar',
      validator: {
        validate: (value) => {
          try {
            return typeof value === 'string' && protocols.includes(new URL(value).protocol);
          } catch {
            return false;
          }
        },
      },
    },
    { message: `$property must be a ${protocols[0]}// URL` },
  );
}

export function splitList(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}

function isOrigin(origin: string): boolean {
  try {
    return new URL(origin).origin === origin;
  } catch {
    return false;
  }
}

/** The public origin of the app: `https://conduit.example`, no path. */
function isPublicOrigin(value: unknown): boolean {
  return typeof value === 'string' && isOrigin(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export class Environment {
  @IsIn(['development', 'production', 'test'], { message: '$property must be development, production or test, got "$value"' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IntegerVar(0, 65535)
  PORT = 3000;

  @IsString()
  DATA_DIR = 'data';

  @UrlVar(['postgres:', 'postgresql:'])
  @IsOptional()
  DATABASE_URL?: string;

  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, { message: '$property must be a plain SQL identifier, got "$value"' })
  @IsOptional()
  DATABASE_SCHEMA?: string;

  @ValidateBy(
    {
      name: 'isOriginList',
      validator: { validate: (value) => typeof value === 'string' && value.split(',').map((o) => o.trim()).filter(Boolean).every(isOrigin) },
    },
    { message: '$property must be a comma-separated list of origins like https://example.com, got "$value"' },
  )
  @IsOptional()
  ALLOWED_ORIGINS?: string;

  /** No default: unset means only the loopback names (and NG_ALLOWED_HOSTS) are served (edge/allowed-hosts.ts). */
  @ValidateBy({ name: 'isPublicUrl', validator: { validate: isPublicOrigin } }, { message: '$property must be an http(s) origin like https://conduit.example, got "$value"' })
  @IsOptional()
  PUBLIC_URL?: string;

  @ValidateBy(
    { name: 'isHostList', validator: { validate: (value) => typeof value === 'string' && splitList(value).every(isHostPattern) } },
    { message: '$property must be a comma-separated list of host names like conduit.example or *.conduit.example, got "$value"' },
  )
  @IsOptional()
  NG_ALLOWED_HOSTS?: string;

  @ValidateBy(
    { name: 'isTrustProxy', validator: { validate: (value) => typeof value === 'string' && isTrustProxy(value) } },
    { message: '$property must be false, true, a hop count, or a comma-separated list of addresses and CIDR ranges, got "$value"' },
  )
  TRUST_PROXY = 'false';

  /** 0 turns the metrics listener off. */
  @IntegerVar(0, 65535)
  METRICS_PORT = 9464;

  @ValidateBy({ name: 'isListenHost', validator: { validate: (value) => typeof value === 'string' && (isIP(value) !== 0 || isHostPattern(value)) } }, { message: '$property must be an IP address or a host name, got "$value"' })
  METRICS_HOST = '127.0.0.1';

  @IntegerVar(1_000, 3_600_000)
  WS_PING_INTERVAL_MS = 30_000;

  @IntegerVar(1, 100_000)
  WS_MAX_FRAMES_PER_SECOND = 50;

  /** Sockets one client address may hold open at once; 0 turns the limit off. */
  @IntegerVar(0, 1_000_000)
  WS_MAX_SOCKETS_PER_ADDRESS = 256;

  @IsString()
  WEB_DIST_DIR = 'dist/web';

  @UrlVar(['redis:', 'rediss:'])
  @IsOptional()
  REDIS_URL?: string;

  @IsString()
  REDIS_CHANNEL = 'conduit:changes';

  @IntegerVar(50, 60_000)
  STREAM_POLL_INTERVAL_MS = 1000;

  @IntegerVar(1, 24 * 365)
  STREAM_RETENTION_HOURS = 7 * 24;

  @IntegerVar(1_000, 1_000_000_000)
  STREAM_RETENTION_MAX_CHANGES = 1_000_000;

  /** How often each instance prunes the change stream past its retention. */
  @IntegerVar(100, 3_600_000)
  STREAM_RETENTION_PRUNE_INTERVAL_MS = 60_000;

  @IntegerVar(64 * 1024, 1024 * 1024 * 1024)
  WS_MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

  @BooleanVar()
  STREAM_COMMIT_ORDER_LOCK = true;

  /**
   * Test-only fault injection: the first committed write with a change whose key starts with this
   * freezes the process between its COMMIT and its publish, for a test to kill it exactly there.
   * Only a test environment may set it.
   */
  @ValidateBy(
    { name: 'isTestOnly', validator: { validate: (_value, args) => (args?.object as Environment).NODE_ENV === 'test' } },
    { message: '$property is a test-only fault injection and is refused unless NODE_ENV=test' },
  )
  @IsOptional()
  TEST_HALT_BEFORE_PUBLISH?: string;

  @BooleanVar()
  SSR_CACHE = true;

  /** No default on purpose: unset means "generate one and keep it in the database" (auth/jwt-secret.ts). */
  @MinLength(32, { message: '$property must be at least 32 characters long' })
  @IsOptional()
  JWT_SECRET?: string;

  @IntegerVar(60, 365 * 24 * 3600)
  JWT_TTL_SECONDS = 7 * 24 * 3600;

  /** How long a SIGTERM may take: past it, connections still open are cut and the process exits. */
  @IntegerVar(1_000, 600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  @IsIn(LOG_LEVELS, { message: `$property must be one of ${LOG_LEVELS.join(', ')}, got "$value"` })
  LOG_LEVEL: LogLevelName = 'info';

  @IsIn(LOG_FORMATS, { message: `$property must be one of ${LOG_FORMATS.join(', ')}, got "$value"` })
  LOG_FORMAT: LogFormat = 'auto';

  @IntegerVar(1, 3600)
  THROTTLE_TTL_SECONDS = 60;

  /** Logins and registrations per client address per window; 0 turns the limit off. */
  @IntegerVar(0, 1_000_000)
  THROTTLE_AUTH_LIMIT = 300;

  /** Other writes (articles, comments, favorites, follows, profile) per client address per window; 0 turns it off. */
  @IntegerVar(0, 1_000_000)
  THROTTLE_WRITE_LIMIT = 3000;

  /** Failed logins per account (email) per LOGIN_FAILURE_WINDOW_SECONDS, from any address; 0 turns the limit off. */
  @IntegerVar(0, 1_000_000)
  LOGIN_FAILURE_LIMIT = 10;

  @IntegerVar(1, 24 * 3600)
  LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60;
}

/** Every variable the schema knows, for `.env.example` and its test. */
export const ENVIRONMENT_VARIABLES: readonly string[] = [
  ...new Set([...Object.keys(new Environment()), 'DATABASE_URL', 'DATABASE_SCHEMA', 'ALLOWED_ORIGINS', 'REDIS_URL', 'JWT_SECRET', 'PUBLIC_URL', 'NG_ALLOWED_HOSTS', 'TEST_HALT_BEFORE_PUBLISH']),
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'ConfigError';
  }

  /** The variables that failed, in schema order. */
  get variables(): string[] {
    return this.problems.map((problem) => problem.split(' ')[0]);
  }
}

/** Validates the raw environment against the schema; throws a ConfigError naming each bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const known: Record<string, unknown> = {};
  for (const name of ENVIRONMENT_VARIABLES) {
    if (raw[name] !== undefined && raw[name] !== '') known[name] = raw[name];
  }
  const environment = plainToInstance(Environment, known);
  const errors = validateSync(environment, { stopAtFirstError: true });
  if (errors.length > 0) throw new ConfigError(errors.map(firstMessage));
  return environment;
}

function firstMessage(error: ValidationError): string {
  return Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid`;
}
