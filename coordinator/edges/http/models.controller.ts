import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';

import { ConsiliumError } from '../../../common/errors.js';
import type { AuditActor } from '../../domain/audit-chain.js';
import { type Lineage, lineageToProv } from '../../domain/lineage.js';
import type { InitialModel } from '../../domain/records.js';
import { InitialModels, type InitialModelUpload, initialModelUploadSchema } from '../../services/initial-models.js';
import { LineageService } from '../../services/lineage.service.js';
import { RunService } from '../../services/run.service.js';
import { Actor, Roles } from './access.js';
import { Answers } from './openapi.js';
import { ParsedBody } from './parsed-body.pipe.js';
import { initialModelListResponse, initialModelResponse, lineageResponse, tfjsModelResponse } from './responses.js';

/** The uploads' list and the upload's answer: everything but the topology, which the uploader has. */
type InitialModelView = Omit<InitialModel, 'topology'>;
const view = ({ topology: _topology, ...rest }: InitialModel): InitialModelView => rest;

@Controller('api/models')
@Roles('researcher', 'auditor')
export class ModelsController {
  constructor(
    private readonly lineage: LineageService,
    private readonly initialModels: InitialModels,
    private readonly runs: RunService,
  ) {}

  /** Body: { name, origin, modelJson (a tfjs layers model.json), weights (the weight files in manifest order, base64) }. */
  @Post()
  @HttpCode(201)
  @Roles('researcher')
  @Answers(initialModelResponse, 'uploads a starting point: a tfjs layers model and its weights')
  async upload(
    @Body(new ParsedBody(initialModelUploadSchema, 'model upload')) upload: InitialModelUpload,
    @Actor() actor: AuditActor,
  ): Promise<InitialModelView> {
    return view(await this.initialModels.upload(upload, actor));
  }

  /** Uploaded starting points, newest first. */
  @Get()
  @Answers(initialModelListResponse, 'uploaded starting points, newest first')
  async list(): Promise<{ models: InitialModelView[] }> {
    return { models: (await this.initialModels.list()).map(view) };
  }

  /** Any model version of any run, by its id, as a tfjs layers model (model.json; its weights path is the route below). */
  @Get(':id/model.json')
  @Roles('researcher')
  @Answers(tfjsModelResponse, 'any model version by id, as a tfjs layers model.json')
  async modelJson(@Param('id') id: string): Promise<Record<string, unknown>> {
    return (await this.runs.exportVersion(id)).modelJson;
  }

  @Get(':id/weights.bin')
  @Roles('researcher')
  @Header('Content-Type', 'application/octet-stream')
  @Answers('application/octet-stream', "the model version's weights.bin")
  async weights(@Param('id') id: string): Promise<StreamableFile> {
    return new StreamableFile((await this.runs.exportVersion(id)).weightsBin);
  }

  /** The model version's lineage as JSON, or with ?format=prov as W3C PROV-JSON. */
  @Get(':id/lineage')
  @Answers(lineageResponse, "the model version's lineage (?format=prov: W3C PROV-JSON)")
  async get(@Param('id') id: string, @Query('format') format: string | undefined): Promise<Lineage | object> {
    if (format !== undefined && format !== 'json' && format !== 'prov')
      throw new ConsiliumError('INVALID_ARGUMENT', `format must be json or prov, not "${format}"`, [{ path: 'format', message: 'use json or prov' }]);
    const lineage = await this.lineage.lineage(id);
    return format === 'prov' ? lineageToProv(lineage) : lineage;
  }
}
