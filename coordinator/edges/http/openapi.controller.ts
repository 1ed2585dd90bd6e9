import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { z } from 'zod';

import { Public } from './access.js';
import { Answers, openApiDocument } from './openapi.js';

/** The controllers the document describes; the module passes its list (this one included), so none is left out. */
export const DOCUMENTED_CONTROLLERS = Symbol('DOCUMENTED_CONTROLLERS');

/** Swagger UI's page, from the swagger-ui-dist package served under /api/docs/ (nothing from a CDN: hospitals are often offline). */
const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Consilium API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

/** Points Swagger UI at this coordinator's document; "Authorize" takes an API token, kept in the page's memory only. */
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: false });\n`;

/** The API's own description: the OpenAPI 3.1 document and the interactive page that reads it. Public: they hold no data. */
@Controller('api')
@Public()
export class OpenApiController {
  private document: Record<string, unknown> | null = null;

  constructor(
    private readonly reflector: Reflector,
    @Inject(DOCUMENTED_CONTROLLERS) private readonly controllers: readonly (new (...args: never[]) => unknown)[],
  ) {}

  @Get('openapi.json')
  @Answers(z.looseObject({ openapi: z.literal('3.1.0'), paths: z.looseObject({}) }), 'this document')
  openApi(): Record<string, unknown> {
    return (this.document ??= openApiDocument(this.controllers, this.reflector));
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Answers('text/html', 'the interactive API page (Swagger UI)')
  docs(): string {
    return DOCS_PAGE;
  }

  @Get('docs/init.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Answers('text/plain', "the API page's start-up script")
  docsInit(): string {
    return DOCS_INIT;
  }
}
