import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';

import { describeError, isConsiliumError } from '../../../common/errors.js';
import type { ServiceLogger } from '../../services/logger.js';
import { HTTP_STATUS } from '../error-mapping.js';

/** The part of Express's response this filter uses. */
interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/**
 * Every REST error has one shape: { error: { code, message, issues } }, where
 * issues lists each bad field with its path, so a researcher fixes a spec
 * from the response alone.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly logger?: ServiceLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    if (isConsiliumError(exception)) {
      response.status(HTTP_STATUS[exception.code]).json({ error: { code: exception.code, message: exception.message, issues: exception.issues } });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 413 ? 'RESOURCE_EXHAUSTED' : status === 404 ? 'NOT_FOUND' : status < 500 ? 'INVALID_ARGUMENT' : 'INTERNAL';
      response.status(status).json({ error: { code, message: exception.message, issues: [] } });
      return;
    }
    // body-parser reports oversized or unparsable bodies as plain errors with a status.
    const status = (exception as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      response
        .status(status)
        .json({ error: { code: status === 413 ? 'RESOURCE_EXHAUSTED' : 'INVALID_ARGUMENT', message: describeError(exception), issues: [] } });
      return;
    }
    // Only the unexpected is logged: the client already has every expected error, field by field.
    this.logger?.error(`internal error answering a request: ${describeError(exception)}`);
    response.status(500).json({ error: { code: 'INTERNAL', message: `internal error: ${describeError(exception)}`, issues: [] } });
  }
}
