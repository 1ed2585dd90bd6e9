import { status as GrpcStatus } from '@grpc/grpc-js';

import { ConsiliumError, type ErrorCode } from './errors.js';

/** The one place where error codes become gRPC statuses (the coordinator's edge) and back (the site's client). */
export const GRPC_STATUS: Record<ErrorCode, GrpcStatus> = {
  INVALID_ARGUMENT: GrpcStatus.INVALID_ARGUMENT,
  UNAUTHENTICATED: GrpcStatus.UNAUTHENTICATED,
  PERMISSION_DENIED: GrpcStatus.PERMISSION_DENIED,
  NOT_FOUND: GrpcStatus.NOT_FOUND,
  ALREADY_EXISTS: GrpcStatus.ALREADY_EXISTS,
  FAILED_PRECONDITION: GrpcStatus.FAILED_PRECONDITION,
  RESOURCE_EXHAUSTED: GrpcStatus.RESOURCE_EXHAUSTED,
  INTERNAL: GrpcStatus.INTERNAL,
  UNAVAILABLE: GrpcStatus.UNAVAILABLE,
  DEADLINE_EXCEEDED: GrpcStatus.DEADLINE_EXCEEDED,
};

const FROM_GRPC = new Map<number, ErrorCode>([
  ...Object.entries(GRPC_STATUS).map(([code, status]) => [status, code as ErrorCode] as const),
  // Statuses the coordinator never sends itself, but grpc-js or the network may produce.
  [GrpcStatus.CANCELLED, 'UNAVAILABLE'],
  [GrpcStatus.ABORTED, 'UNAVAILABLE'],
  [GrpcStatus.UNKNOWN, 'INTERNAL'],
  [GrpcStatus.DATA_LOSS, 'INTERNAL'],
  [GrpcStatus.OUT_OF_RANGE, 'INVALID_ARGUMENT'],
  [GrpcStatus.UNIMPLEMENTED, 'FAILED_PRECONDITION'],
]);

/**
 * A failed gRPC call as the one error type, with the coordinator's own
 * message (its `details`), so the agent handles and reports every error the
 * same way whichever side of the wire it came from.
 */
export function fromGrpcError(error: unknown): unknown {
  if (error instanceof ConsiliumError || !(error instanceof Error) || typeof (error as { code?: unknown }).code !== 'number') return error;
  const { code, details } = error as Error & { code: number; details?: string };
  return new ConsiliumError(FROM_GRPC.get(code) ?? 'INTERNAL', details || error.message);
}
