import { ConsiliumError, describeError } from '../../../common/errors.js';
import { SiteServiceDefinition } from '../../../proto/gen/services.grpc.js';

/** A message that did not decode; handlers answer INVALID_ARGUMENT instead of the INTERNAL grpc-js would send. */
export class MalformedMessage {
  constructor(readonly reason: string) {}
}

type Definition = typeof SiteServiceDefinition;

/** The SiteService definition whose request decoders hand a MalformedMessage to the handler rather than throwing inside grpc-js. */
export const safeSiteServiceDefinition = Object.fromEntries(
  Object.entries(SiteServiceDefinition).map(([name, method]) => [
    name,
    {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return method.requestDeserialize(bytes);
        } catch (error) {
          return new MalformedMessage(`malformed ${method.originalName} message: ${describeError(error)}`);
        }
      },
    },
  ]),
) as unknown as Definition;

/** The decoded request, or INVALID_ARGUMENT naming what did not decode. */
export function decoded<T>(message: unknown): T {
  if (message instanceof MalformedMessage) throw new ConsiliumError('INVALID_ARGUMENT', message.reason);
  return message as T;
}
