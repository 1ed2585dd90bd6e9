import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';

import type { AuditActor } from '../../domain/audit-chain.js';
import { AccessTokens, createTokenSchema, type TokenRequest } from '../../services/access-tokens.js';
import { Actor, Roles } from './access.js';
import { Answers } from './openapi.js';
import { ParsedBody } from './parsed-body.pipe.js';
import { tokenCreatedResponse, tokenListResponse, tokenRevokedResponse } from './responses.js';

/** API tokens: admins create (the secret is in the response, once), list and revoke them. */
@Controller('api/tokens')
@Roles('admin')
export class TokensController {
  constructor(private readonly tokens: AccessTokens) {}

  @Get()
  @Answers(tokenListResponse, 'API tokens (never their secrets)')
  async list(): Promise<{ tokens: object[] }> {
    return { tokens: await this.tokens.list() };
  }

  /** Body: { name, role: admin | researcher | auditor }. */
  @Post()
  @HttpCode(201)
  @Answers(tokenCreatedResponse, 'creates an API token; its secret is in this response only')
  create(@Body(new ParsedBody(createTokenSchema, 'token')) request: TokenRequest, @Actor() actor: AuditActor): Promise<object> {
    return this.tokens.create(request, actor);
  }

  @Delete(':id')
  @Answers(tokenRevokedResponse, 'revokes an API token')
  revoke(@Param('id') id: string, @Actor() actor: AuditActor): Promise<object> {
    return this.tokens.revoke(id, actor);
  }
}
