import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';

import type { AuditActor } from '../../domain/audit-chain.js';
import { enrolSiteSchema, type SiteRegistration, SiteService, type SiteView } from '../../services/site.service.js';
import { type EnrolmentTokenRequest, enrolmentTokenRequestSchema, SiteIdentityService } from '../../services/site-identity.service.js';
import { Actor, Roles } from './access.js';
import { Answers } from './openapi.js';
import { optionalBody, ParsedBody } from './parsed-body.pipe.js';
import { enrolmentTokenResponse, profilesResponse, siteListResponse, siteResponse, siteRevokedResponse } from './responses.js';

@Controller('api/sites')
export class SitesController {
  constructor(
    private readonly sites: SiteService,
    private readonly identity: SiteIdentityService,
  ) {}

  /** Sites with their online state, last hello and certificate expiry; researchers need the ids for run specs. */
  @Get()
  @Roles('admin', 'researcher')
  @Answers(siteListResponse, 'sites with online state, last hello (agent version, backend, dataset summary) and certificate expiry')
  async list(): Promise<{ sites: SiteView[] }> {
    return { sites: await this.sites.list() };
  }

  /** Every data profile the site has reported (one per dataset fingerprint), newest first. */
  @Get(':id/profiles')
  @Roles('admin', 'researcher', 'auditor')
  @Answers(profilesResponse, 'every data profile the site reported (k-guarded), newest first')
  async profiles(@Param('id') id: string): Promise<{ profiles: object[] }> {
    return { profiles: await this.sites.profiles(id) };
  }

  /** Registers a site by id; it connects after enrolling with a token from the route below. */
  @Post()
  @HttpCode(201)
  @Roles('admin')
  @Answers(siteResponse, 'registers a site by id')
  register(@Body(new ParsedBody(enrolSiteSchema, 'site')) site: SiteRegistration, @Actor() actor: AuditActor): Promise<object> {
    return this.sites.register(site, actor);
  }

  /** Body: { ttlHours? }; a one-time enrolment token for the site, shown once. */
  @Post(':id/enrolment-tokens')
  @HttpCode(201)
  @Roles('admin')
  @Answers(enrolmentTokenResponse, 'a one-time enrolment token for the site, shown once')
  token(
    @Param('id') id: string,
    @Body(new ParsedBody(optionalBody(enrolmentTokenRequestSchema), 'enrolment token request')) request: EnrolmentTokenRequest,
    @Actor() actor: AuditActor,
  ): Promise<object> {
    return this.identity.createEnrolmentToken(id, request, actor);
  }

  /** Revokes every certificate of the site and closes its stream. */
  @Post(':id/revoke')
  @HttpCode(200)
  @Roles('admin')
  @Answers(siteRevokedResponse, 'revokes every certificate of the site and closes its stream')
  revoke(@Param('id') id: string, @Actor() actor: AuditActor): Promise<object> {
    return this.identity.revoke(id, actor);
  }
}
