import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting the app reads, with its default and meaning. This module is the
 * only reader of process.env: the rest of the code receives a Config.
 */
const settings = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development')
    .describe('production hides stack traces and refuses demo passwords'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000)
    .describe('HTTP port the app listens on'),
  HOST: z.string().min(1).default('0.0.0.0').describe('interface the app listens on'),
  BASE_URL: z.url().optional()
    .describe('public address used in emails and calendar links (default http://localhost:PORT)'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional()
    .describe('MongoDB connection string; unset starts the embedded FerretDB'),
  DATA_DIR: z.string().min(1).default('data')
    .describe('folder for the embedded database and the .eml mail folder'),
  FERRETDB_BIN: z.string().min(1).optional()
    .describe('path of a ferretdb binary; otherwise PATH, then the tools folder (built when missing)'),
  FERRETDB_POSTGRESQL_URL: z.string().regex(/^postgres(ql)?:\/\/[^/]+\/[^/?]+/, 'must be postgres://host:port/database').optional()
    .describe('PostgreSQL database the embedded FerretDB keeps its data in (it must exist); unset keeps SQLite files under DATA_DIR/db'),
  FERRETDB_PORT: z.coerce.number().int().min(1).max(65535).default(27027)
    .describe('port of the embedded FerretDB (127.0.0.1 only)'),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional()
    .describe('signs session and CSRF cookies; required in production'),
  COOKIE_SECURE: z.enum(['true', 'false']).optional()
    .describe('send cookies only over HTTPS (default: true in production)'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false')
    .describe('trust X-Forwarded-* headers from one reverse proxy'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional()
    .describe('SMTP server for outgoing email; unset writes .eml files under DATA_DIR/mail'),
  MAIL_FROM: z.string().min(3).default('Digital Afternoons <no-reply@digital-afternoons.local>')
    .describe('sender address of every email'),
  MAIL_WORKER: z.enum(['inline', 'off']).default('inline')
    .describe('inline sends the outbox from the web process; off leaves it to `npm run worker`'),
  MAIL_POLL_MS: z.coerce.number().int().min(50).default(5000)
    .describe('how often the mail worker looks for due messages (new ones also wake it at once)'),
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000)
    .describe('wait after a failed send (connection refused, 4xx); doubles with each failure'),
  MAIL_RETRY_MAX_MS: z.coerce.number().int().min(10).default(60 * 60 * 1000)
    .describe('longest wait between two attempts to send a message'),
  MAIL_GIVE_UP_HOURS: z.coerce.number().positive().default(48)
    .describe('a message still failing this long after it was due is marked failed'),
  MAIL_LEASE_MS: z.coerce.number().int().min(500).default(5 * 60 * 1000)
    .describe('an attempt to send left open this long (the worker died) marks its message uncertain'),
  MAIL_REMINDER_HOUR: z.coerce.number().int().min(0).max(23).default(12)
    .describe('hour (Norwegian time) the day before a session when its reminder is sent'),
  CALENDAR_REFRESH_MINUTES: z.coerce.number().int().min(15).default(60)
    .describe('how often calendar feeds ask subscribers to refresh (REFRESH-INTERVAL, X-PUBLISHED-TTL)'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10)
    .describe('failed logins allowed per account per 15 minutes (five times as many per address); successful logins are never counted'),
  RESET_TOKEN_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60)
    .describe('how long a password reset link stays valid'),
  EXPIRY_SWEEP_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60)
    .describe('how often expired sessions and links are deleted (FerretDB has no TTL indexes)'),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(2048).default(25)
    .describe('largest material upload in megabytes'),
  CONTROLLER_NAME: z.string().trim().min(2).default('Næringshagen som driver programmet')
    .describe('the organisation running the programme: the controller named in the privacy notice'),
  CONTACT_EMAIL: z.email().default('personvern@digital-afternoons.local')
    .describe('address for questions about privacy, accessibility and the service, shown in every footer'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')
    .describe('log verbosity'),
};

const schema = z.object(settings);
type Raw = z.infer<typeof schema>;

export type Config = Omit<Raw, 'COOKIE_SECURE' | 'TRUST_PROXY' | 'SESSION_SECRET' | 'BASE_URL'> & {
  BASE_URL: string;
  SESSION_SECRET: string;
  COOKIE_SECURE: boolean;
  TRUST_PROXY: boolean;
  isProduction: boolean;
  mailDir: string;
};

/** Thrown when the environment holds a value the app cannot run with. */
export class ConfigError extends Error {}

/** Validates an environment (process.env by default) and returns the typed config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(settings).filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [key, env[key]]),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    throw new ConfigError(`Invalid environment variable ${name}=${JSON.stringify(env[name])}: ${issue.message}`);
  }
  const raw = parsed.data;
  const isProduction = raw.NODE_ENV === 'production';
  if (isProduction && !raw.SESSION_SECRET) {
    throw new ConfigError('Missing environment variable SESSION_SECRET: required when NODE_ENV=production');
  }
  return {
    ...raw,
    BASE_URL: (raw.BASE_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    SESSION_SECRET: raw.SESSION_SECRET ?? 'development-only-secret-change-me',
    COOKIE_SECURE: raw.COOKIE_SECURE ? raw.COOKIE_SECURE === 'true' : isProduction,
    TRUST_PROXY: raw.TRUST_PROXY === 'true',
    isProduction,
    mailDir: path.join(raw.DATA_DIR, 'mail'),
  };
}

/** The documented settings, for the README table and `--help`. */
export function describeSettings(): Array<{ name: string; description: string }> {
  return Object.entries(settings).map(([name, s]) => ({ name, description: s.description ?? '' }));
}
