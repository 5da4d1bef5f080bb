/**
 * Structured logs: one JSON object per line on stderr (stdout belongs to the CLI's output).
 * Secrets never reach a log line: fields named like secrets are masked, and token-shaped
 * strings are masked wherever they appear (error messages from SDKs sometimes echo them).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const SECRET_KEY = /token|secret|password|authorization|signature|cookie/i;
const SECRET_VALUE = [
  /xox[abposre]-[A-Za-z0-9-]+/g, // Slack bot/user tokens, and rotating ones' refresh tokens (xoxe-)
  /xapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}/g, // Discord bot tokens
  /(Bot|Bearer)\s+[A-Za-z0-9._-]{16,}/g,
];

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return SECRET_VALUE.reduce((s, re) => s.replace(re, '[redacted]'), value);
  if (value instanceof Error) return { name: value.name, message: redact(value.message), ...(value.stack ? { stack: redact(value.stack) } : {}) };
  if (value === null || typeof value !== 'object' || depth > 5) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)]));
}

export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (line) => process.stderr.write(`${line}\n`), base: Record<string, unknown> = {}): Logger {
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: redact(msg), ...(redact({ ...base, ...fields }) as object) }));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
}

/** For tests and one-shot CLI commands that must print nothing but their output. */
export const silentLogger: Logger = createLogger('error', () => {});
