import type { Logger } from 'pino';

import type { LogFields } from '../../common/log.js';

/** The little the services need of a logger: a message and the run, round, site and task ids it is about. */
export interface ServiceLogger {
  log(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** The services' logger over pino: the ids become fields of the line, so logs filter by run, round, site or task. */
export function serviceLogger(logger: Logger): ServiceLogger {
  return {
    log: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}
