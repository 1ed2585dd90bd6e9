import type { PipeTransform } from '@nestjs/common';
import { z } from 'zod';

import { ConsiliumError } from '../../../common/errors.js';

/**
 * A request body parsed at the edge: `@Body(new ParsedBody(schema, 'site'))`
 * hands the controller a validated value, and an invalid one becomes
 * INVALID_ARGUMENT listing every field with its problem. Services never see
 * an unparsed request.
 */
export class ParsedBody<T> implements PipeTransform<unknown, T> {
  private readonly parse: (input: unknown) => T;
  /** The schema the input is checked with: the OpenAPI document describes the body (or query) by it. */
  readonly schema: z.ZodType;

  constructor(schema: z.ZodType<T>, what: string);
  /** `parse` checks the input in ways a schema cannot say alone (YAML text, messages); `schema` is what it accepts. */
  constructor(parse: (input: unknown) => T, schema: z.ZodType);
  constructor(schemaOrParse: z.ZodType<T> | ((input: unknown) => T), whatOrSchema: string | z.ZodType) {
    const what = typeof whatOrSchema === 'string' ? whatOrSchema : 'request';
    this.schema = typeof schemaOrParse === 'function' ? (whatOrSchema as z.ZodType) : schemaOrParse;
    this.parse =
      typeof schemaOrParse === 'function'
        ? schemaOrParse
        : (input) => {
            const result = schemaOrParse.safeParse(input);
            if (!result.success) throw ConsiliumError.fromZod(what, result.error);
            return result.data;
          };
  }

  transform(value: unknown): T {
    return this.parse(value);
  }
}

/** A schema for a body that may be left out entirely (no JSON sent): absent reads as `{}`. */
export function optionalBody<T>(schema: z.ZodType<T>): z.ZodType<T> {
  return z.preprocess((input) => input ?? {}, schema) as z.ZodType<T>;
}
