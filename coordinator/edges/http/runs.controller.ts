import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';

import { ConsiliumError } from '../../../common/errors.js';
import { parseRunSpec } from '../../../common/run-spec.parse.js';
import type { RunSpec } from '../../../common/run-spec.schema.js';
import type { AuditActor } from '../../domain/audit-chain.js';
import type { CrossSiteMatrix } from '../../domain/cross-site-matrix.js';
import { type CrossSiteRequest, crossSiteRequestSchema, Evaluations } from '../../services/evaluations.js';
import { type ModelCostView, modelCostView } from '../../services/model-cost.js';
import { RoundEngine } from '../../services/round-engine.js';
import { type RunDetails, RunService, type VersionChoice } from '../../services/run.service.js';
import { RunReports } from '../../services/run-reports.js';
import { Actor, Roles } from './access.js';
import { ParsedBody } from './parsed-body.pipe.js';

@Controller('api/runs')
@Roles('researcher')
export class RunsController {
  constructor(
    private readonly runs: RunService,
    private readonly engine: RoundEngine,
    private readonly reports: RunReports,
    private readonly evaluations: Evaluations,
  ) {}

  /** Body: the run spec as JSON, or as YAML with Content-Type application/yaml (or text/plain). */
  @Post()
  @HttpCode(201)
  async create(
    @Body(new ParsedBody(runSpecFromBody)) spec: RunSpec,
    @Actor() actor: AuditActor,
  ): Promise<{ id: string; specSha256: string; status: string; model: ModelCostView }> {
    const run = await this.runs.create(spec, actor);
    this.engine.start(run.id);
    return { id: run.id, specSha256: run.specSha256, status: run.status, model: modelCostView(spec) };
  }

  @Get()
  async list(): Promise<{ runs: object[] }> {
    const runs = await this.runs.list();
    return {
      runs: runs.map((r) => ({
        id: r.id,
        name: r.name,
        status: r.status,
        rounds: r.spec.rounds,
        completedRounds: r.completedRounds,
        createdAt: r.createdAt,
        error: r.error,
      })),
    };
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<RunDetails> {
    return this.runs.details(id);
  }

  /** Stops a pending or running run; sites are told to drop its tasks. */
  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Param('id') id: string, @Actor() actor: AuditActor): Promise<{ id: string; status: string }> {
    const run = await this.engine.cancel(id, actor);
    return { id: run.id, status: run.status };
  }

  /**
   * The run as a self-contained HTML study report. A POST: it signs the audit head (an `audit.checkpoint` event) so
   * the report names a checkpoint covering everything it shows.
   */
  @Post(':id/report')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  report(@Param('id') id: string): Promise<string> {
    return this.reports.html(id);
  }

  /**
   * Body: { sites? }. Starts one evaluation job per personalised model the run collected (FedBN, crossSite): each
   * site's model on every listed site's validation data. 201 with the jobs; GET shows the matrix as they report.
   */
  @Post(':id/cross-site')
  @HttpCode(201)
  async crossSite(
    @Param('id') id: string,
    @Body(new ParsedBody(crossSiteRequestSchema, 'cross-site request')) request: CrossSiteRequest,
    @Actor() actor: AuditActor,
  ): Promise<{ jobs: { id: string; name: string; initialModel: string }[] }> {
    const jobs = await this.evaluations.crossSite(id, request, actor);
    for (const job of jobs) this.engine.start(job.id);
    return { jobs: jobs.map((j) => ({ id: j.id, name: j.name, initialModel: j.spec.initialModel! })) };
  }

  /** Each shared personalised model of the run, evaluated at each site: the figures each site reported, by model and site. */
  @Get(':id/cross-site')
  crossSiteMatrix(@Param('id') id: string): Promise<CrossSiteMatrix> {
    return this.evaluations.crossSiteMatrix(id);
  }

  /** The final model's figures per scanner vendor and model, age bin and sex, pooled over the sites, with flags. */
  @Get(':id/subgroups')
  subgroups(@Param('id') id: string): Promise<object> {
    return this.runs.subgroups(id);
  }

  /** The run's sites compared on their latest data profiles, flags with reasons, and the quality gate's exclusions. */
  @Get(':id/data-quality')
  @Roles('researcher', 'auditor')
  dataQuality(@Param('id') id: string): Promise<object> {
    return this.runs.dataQuality(id);
  }

  /**
   * tfjs layers-model JSON of the latest version, or ?version=best (by the spec's selection) or ?version=N (the
   * version round N made); its weights path resolves to the route below with the same choice, so
   * tf.loadLayersModel(url) works.
   */
  @Get(':id/model')
  async model(@Param('id') id: string, @Query('version') version: string | undefined): Promise<Record<string, unknown>> {
    return (await this.runs.exportModel(id, versionChoice(version))).modelJson;
  }

  @Get(':id/model/model.json')
  modelJson(@Param('id') id: string, @Query('version') version: string | undefined): Promise<Record<string, unknown>> {
    return this.model(id, version);
  }

  @Get(':id/model/weights.bin')
  @Header('Content-Type', 'application/octet-stream')
  async weights(@Param('id') id: string, @Query('version') version: string | undefined): Promise<StreamableFile> {
    return new StreamableFile((await this.runs.exportModel(id, versionChoice(version))).weightsBin);
  }
}

/** ?version=: latest (also when absent), best, or a round number. */
export function versionChoice(text: string | undefined): VersionChoice {
  if (text === undefined || text === '' || text === 'latest') return 'latest';
  if (text === 'best') return 'best';
  if (/^\d{1,6}$/.test(text)) return Number(text);
  throw new ConsiliumError('INVALID_ARGUMENT', `version must be latest, best or a round number, not "${text}"`, [
    { path: 'version', message: 'use latest, best or a round number' },
  ]);
}

/** The posted spec: JSON, or YAML sent as text; an empty body says how to send one. */
function runSpecFromBody(body: unknown): RunSpec {
  if (body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0)) {
    throw new ConsiliumError('INVALID_ARGUMENT', 'empty request body: send the run spec as JSON, or as YAML with Content-Type: application/yaml');
  }
  return parseRunSpec(body);
}
