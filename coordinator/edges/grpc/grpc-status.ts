import * as grpc from '@grpc/grpc-js';

import { describeError, isConsiliumError } from '../../../common/errors.js';
import { GRPC_STATUS } from '../error-mapping.js';

/** The one error type as a gRPC status; anything else is INTERNAL with its description. */
export function toStatus(error: unknown): Partial<grpc.StatusObject> {
  if (isConsiliumError(error)) return { code: GRPC_STATUS[error.code], details: error.message };
  return { code: grpc.status.INTERNAL, details: `internal error: ${describeError(error)}` };
}

/** A unary or client-streaming handler's answer: the mapped value, or the error as its status. */
export async function answer<T>(callback: grpc.sendUnaryData<T>, work: () => Promise<T>): Promise<void> {
  let value: T;
  try {
    value = await work();
  } catch (error) {
    callback(toStatus(error) as grpc.ServiceError);
    return;
  }
  callback(null, value);
}
