import type { ZodError } from 'zod';

/**
 * The one error type. The code is protocol-neutral; the HTTP and gRPC edges
 * map it to their own statuses (see coordinator/edges/error-mapping.ts), so the
 * domain never knows which transport it is serving.
 */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'PERMISSION_DENIED'
  | 'UNAUTHENTICATED'
  | 'FAILED_PRECONDITION'
  | 'RESOURCE_EXHAUSTED'
  | 'DEADLINE_EXCEEDED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

/** One problem with one field, e.g. `{ path: "optimizer.learningRate", message: "must be > 0" }`. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ConsiliumError extends Error {
  override readonly name = 'ConsiliumError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }

  /** Turns a zod failure into an INVALID_ARGUMENT that lists every issue with its field path. */
  static fromZod(what: string, error: ZodError): ConsiliumError {
    const issues = error.issues.map((issue) => ({
      path: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const listed = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return new ConsiliumError('INVALID_ARGUMENT', `invalid ${what}: ${listed}`, issues);
  }
}

export function isConsiliumError(value: unknown): value is ConsiliumError {
  return value instanceof ConsiliumError;
}

/** Message of any thrown value, for logs and receipts. */
export function describeError(value: unknown): string {
  return value instanceof Error ? value.message : String(value);
}
