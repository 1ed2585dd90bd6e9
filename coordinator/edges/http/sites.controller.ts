import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { SiteService, type SiteView } from '../../services/site.service.js';

@Controller('api/sites')
export class SitesController {
  constructor(private readonly sites: SiteService) {}

  @Get()
  async list(): Promise<{ sites: SiteView[] }> {
    return { sites: await this.sites.list() };
  }

  /** Enrols a site by id so its agent may connect. */
  @Post()
  @HttpCode(201)
  enrol(@Body() body: unknown): Promise<object> {
    return this.sites.enrol(body);
  }
}
