import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { SiteService, type SiteView } from '../../services/site.service.js';

@Controller('api/sites')
export class SitesController {
  constructor(private readonly sites: SiteService) {}

  @Get()
  async list(): Promise<{ sites: SiteView[] }> {
    return { sites: await this.sites.list() };
  }

  /** Every data profile the site has reported (one per dataset fingerprint), newest first. */
  @Get(':id/profiles')
  async profiles(@Param('id') id: string): Promise<{ profiles: object[] }> {
    return { profiles: await this.sites.profiles(id) };
  }

  /** Enrols a site by id so its agent may connect. */
  @Post()
  @HttpCode(201)
  enrol(@Body() body: unknown): Promise<object> {
    return this.sites.enrol(body);
  }
}
