import { SetMetadata, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common/enums/request-method.enum.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { Reflector } from '@nestjs/core';
import { z } from 'zod';

import { ConsiliumError } from '../../../common/errors.js';
import { CONSILIUM_VERSION } from '../../../common/version.js';
import { rolesOf } from './access.js';
import { ParsedBody } from './parsed-body.pipe.js';
import { errorResponse } from './responses.js';

const ANSWERS_KEY = 'consilium:answers';

/** A response that is not JSON, by its media type. */
export type RawAnswer = 'text/html' | 'text/plain' | 'application/x-pem-file' | 'application/octet-stream';

interface Answer {
  body: z.ZodType | RawAnswer;
  summary: string;
}

/**
 * What a handler answers: the zod schema of its JSON body (or the media type of a non-JSON one) and a one-line
 * summary. The OpenAPI document is built from these, the request schemas the handler parses with, and its roles.
 */
export const Answers = (body: z.ZodType | RawAnswer, summary: string): MethodDecorator => SetMetadata(ANSWERS_KEY, { body, summary } satisfies Answer);

/** A zod schema as an OpenAPI 3.1 schema object (JSON Schema 2020-12), without the $schema key a document does not repeat. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

interface RouteArgument {
  index: number;
  data?: string;
  pipes?: unknown[];
}

/** The route's pieces as Nest declared them: HTTP method, path, arguments with their pipes, success status. */
export interface DeclaredRoute {
  method: string;
  /** Express style, e.g. /api/runs/:id */
  path: string;
  controller: Type;
  handlerName: string;
  handler: (...args: unknown[]) => unknown;
}

/** Every route of the given controllers, sorted by path and method. */
export function declaredRoutes(controllers: readonly Type[]): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '').replace(/^\/|\/$/g, '');
    for (const handlerName of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[handlerName];
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined || handlerName === 'constructor') continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!;
      routes.push({ method, path: `/${[base, String(path).replace(/^\/|\/$/g, '')].filter(Boolean).join('/')}`, controller, handlerName, handler });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

const errors = (codes: number[]): Record<string, unknown> =>
  Object.fromEntries(
    codes.map((code) => [String(code), { description: ERROR_TEXT[code], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'invalid request: error.issues names each field and its problem',
  401: 'no bearer token, or one that is unknown, revoked or expired',
  403: "the token's role may not call this route",
  404: 'no such resource',
};

/** A route's arguments of one kind, each with the schema its ParsedBody pipe checks it with (null for a plain @Query('x')). */
function argumentsOf(route: DeclaredRoute, type: RouteParamtypes): { arg: RouteArgument; schema: z.ZodType | null }[] {
  return Object.entries((Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.handlerName) ?? {}) as Record<string, RouteArgument>)
    .filter(([key]) => Number(key.split(':')[0]) === type)
    .map(([, arg]) => ({ arg, schema: (arg.pipes ?? []).find((p): p is ParsedBody<unknown> => p instanceof ParsedBody)?.schema ?? null }));
}

/** Path and query parameters, and the body's schema, as the handler's arguments declare them. */
function inputsOf(route: DeclaredRoute): { parameters: Record<string, unknown>[]; body: z.ZodType | null } {
  const parameters: Record<string, unknown>[] = [];
  for (const name of route.path.match(/:(\w+)/g) ?? []) parameters.push({ name: name.slice(1), in: 'path', required: true, schema: { type: 'string' } });
  for (const { arg, schema } of argumentsOf(route, RouteParamtypes.QUERY)) {
    if (arg.data) parameters.push({ name: arg.data, in: 'query', required: false, schema: { type: 'string' } });
    else if (schema) {
      const object = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(object.properties ?? {}))
        parameters.push({ name, in: 'query', required: object.required?.includes(name) ?? false, schema: property });
    }
  }
  return { parameters, body: argumentsOf(route, RouteParamtypes.BODY)[0]?.schema ?? null };
}

/**
 * The OpenAPI 3.1 document of the REST API, built from the controllers as
 * they run: paths and methods from Nest's metadata, request bodies and query
 * strings from the zod schemas the controllers' pipes parse with, responses
 * from each handler's @Answers schema, and the roles from @Roles (as
 * `x-roles`, and in the description). A route without @Answers is an error,
 * so a new route cannot be left out of the document.
 */
export function openApiDocument(controllers: readonly Type[], reflector: Reflector): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of declaredRoutes(controllers)) {
    const answer = reflector.get<Answer | undefined>(ANSWERS_KEY, route.handler);
    if (!answer) {
      throw new ConsiliumError(
        'INTERNAL',
        `${route.controller.name}.${route.handlerName} (${route.method} ${route.path}) has no @Answers: say what it returns`,
      );
    }
    const access = rolesOf(reflector, route.handler as never, route.controller as never);
    const roles = access.public ? ['public'] : (access.roles ?? []);
    const { parameters, body } = inputsOf(route);
    const status = String(Reflect.getMetadata(HTTP_CODE_METADATA, route.handler) ?? (route.method === 'POST' ? 201 : 200));
    const content =
      typeof answer.body === 'string'
        ? { [answer.body]: { schema: answer.body === 'application/octet-stream' ? { type: 'string', contentMediaType: answer.body } : { type: 'string' } } }
        : { 'application/json': { schema: jsonSchema(answer.body, 'output') } };
    const operation = {
      operationId: `${route.controller.name.replace(/Controller$/, '')}.${route.handlerName}`,
      summary: answer.summary,
      description: access.public ? 'Public: no token needed.' : `Roles: ${roles.join(', ')}.`,
      tags: [route.controller.name.replace(/Controller$/, '')],
      'x-roles': roles,
      security: access.public ? [] : [{ bearer: [] }],
      ...(parameters.length ? { parameters } : {}),
      ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(body, 'input') } } } } : {}),
      responses: {
        [status]: { description: answer.summary, content },
        ...errors([
          ...(body || parameters.some((p) => p['in'] === 'query') ? [400] : []),
          ...(access.public ? [] : [401, 403]),
          ...(route.path.includes(':') ? [404] : []),
        ]),
      },
    };
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Consilium coordinator',
      version: CONSILIUM_VERSION,
      description:
        'The REST API of a Consilium coordinator: runs, sites, models, audit, tokens. Every route but health, enrolment and these documents needs a bearer API token; each says which roles may call it (x-roles).',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an API token (csk_…) from `consilium token create`' } },
      schemas: { Error: jsonSchema(errorResponse, 'output') },
    },
  };
}
