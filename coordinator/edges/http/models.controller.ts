import { Controller, Get, Param, Query } from '@nestjs/common';

import { ConsiliumError } from '../../../common/errors.js';
import { type Lineage, lineageToProv } from '../../domain/lineage.js';
import { LineageService } from '../../services/lineage.service.js';
import { Roles } from './access.js';

@Controller('api/models')
@Roles('researcher', 'auditor')
export class ModelsController {
  constructor(private readonly lineage: LineageService) {}

  /** The model version's lineage as JSON, or with ?format=prov as W3C PROV-JSON. */
  @Get(':id/lineage')
  async get(@Param('id') id: string, @Query('format') format: string | undefined): Promise<Lineage | object> {
    if (format !== undefined && format !== 'json' && format !== 'prov')
      throw new ConsiliumError('INVALID_ARGUMENT', `format must be json or prov, not "${format}"`, [{ path: 'format', message: 'use json or prov' }]);
    const lineage = await this.lineage.lineage(id);
    return format === 'prov' ? lineageToProv(lineage) : lineage;
  }
}
