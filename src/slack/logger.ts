/**
 * Bolt (and the Web API and Socket Mode clients it builds) log through the project's logger, so their
 * lines are JSON like ours and go through the same redaction (Slack errors sometimes echo tokens).
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../log.js';

function format(parts: unknown[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if (p instanceof Error) return `${p.name}: ${p.message}`;
      try {
        return JSON.stringify(p);
      } catch {
        return String(p);
      }
    })
    .join(' ');
}

export function boltLogger(logger: Logger, name = 'bolt'): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  let component = name;
  return {
    debug: (...msg: unknown[]) => logger.debug(format(msg), { component }),
    info: (...msg: unknown[]) => logger.info(format(msg), { component }),
    warn: (...msg: unknown[]) => logger.warn(format(msg), { component }),
    error: (...msg: unknown[]) => logger.error(format(msg), { component }),
    // Filtering is the project logger's job (LOG_LEVEL); Bolt only asks what the level is.
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n: string) => {
      component = n;
    },
  };
}
