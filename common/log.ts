import { type DestinationStream, type Logger, pino } from 'pino';
import { PinoPretty } from 'pino-pretty';

import { Clock } from './clock.js';

/** The ids a line carries when it is about a run, a round, a site or a task: what operators filter logs by. */
export interface LogIds {
  runId?: string;
  round?: number;
  siteId?: string;
  taskId?: string;
}

/** A line's structured fields: its ids and anything else worth a field (bytes, sha256, reason). */
export type LogFields = LogIds & Record<string, unknown>;

/** Fields whose values are credentials, at the top of a line or one object down: pino writes "[redacted]" instead. */
const SECRET_FIELDS = ['token', 'secret', 'authorization', 'password', 'privateKeyPem', 'keyPem', 'csr'];
const SECRET_PATHS = [...SECRET_FIELDS, ...SECRET_FIELDS.map((field) => `*.${field}`)];

/**
 * Credentials by their shape, wherever they appear in a message: API tokens (csk_…), enrolment tokens (cet1.…),
 * PEM private keys and bearer headers. A safety net behind the rule that code never puts a secret in a line.
 */
const SECRET_TEXT =
  /csk_[A-Za-z0-9_-]{8,}|cet1\.[A-Za-z0-9_-]+(?:\.[0-9a-f]+)?|-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----|Bearer\s+[A-Za-z0-9._~+/=-]+/g;

/** A message with anything shaped like a credential replaced. */
export function scrubSecrets(text: string): string {
  return text.replace(SECRET_TEXT, '[redacted]');
}

export interface LogOptions {
  /** Where lines go; default stdout. */
  destination?: DestinationStream;
  /** Human-readable text instead of JSON (to `destination` when given); default: only when stdout is a terminal and no destination is given. */
  pretty?: boolean;
  level?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  clock?: Clock;
}

/**
 * The one logger factory: JSON lines (one object per line, no colour codes) unless a person is watching a terminal,
 * timestamps from the Clock, credentials redacted by field name and by shape. `name` says which process wrote
 * a line (coordinator, site), so merged logs stay readable.
 */
export function createLog(name: string, options: LogOptions = {}): Logger {
  const pretty = options.pretty ?? (options.destination === undefined && process.stdout.isTTY === true);
  // Colour only on the terminal itself: a file or a pipe never gets escape codes.
  const destination = pretty
    ? PinoPretty({
        colorize: options.destination === undefined,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
        destination: options.destination ?? 1,
      })
    : (options.destination ?? pino.destination({ dest: 1, sync: true }));
  const clock = options.clock ?? new Clock();
  return pino(
    {
      name,
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: () => `,"time":"${clock.iso()}"`,
      redact: { paths: SECRET_PATHS, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
