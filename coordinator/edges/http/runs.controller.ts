import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import type { z } from 'zod';

import { ConsiliumError } from '../../../common/errors.js';
import { finiteOrNull } from '../../../common/privacy-spend.js';
import { parseRunSpec } from '../../../common/run-spec.parse.js';
import { type RunSpec, runSpecSchema } from '../../../common/run-spec.schema.js';
import type { AuditActor } from '../../domain/audit-chain.js';
import type { CrossSiteMatrix } from '../../domain/cross-site-matrix.js';
import { type CrossSiteRequest, crossSiteRequestSchema, Evaluations } from '../../services/evaluations.js';
import { modelCostView } from '../../services/model-cost.js';
import { RoundEngine } from '../../services/round-engine.js';
import { type RunDetails, RunService, type VersionChoice } from '../../services/run.service.js';
import { RunReports } from '../../services/run-reports.js';
import { Actor, Roles } from './access.js';
import { Answers } from './openapi.js';
import { ParsedBody } from './parsed-body.pipe.js';
import {
  crossSiteJobsResponse,
  crossSiteMatrixResponse,
  dataQualityResponse,
  labelMappingsResponse,
  runCreatedResponse,
  runDetailsResponse,
  runListResponse,
  runPrivacyResponse,
  runStatusResponse,
  subgroupsResponse,
  tfjsModelResponse,
} from './responses.js';

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
  @Answers(runCreatedResponse, 'creates a run from its spec (JSON, or YAML as application/yaml) and starts it')
  async create(@Body(new ParsedBody(runSpecFromBody, runSpecSchema)) spec: RunSpec, @Actor() actor: AuditActor): Promise<z.infer<typeof runCreatedResponse>> {
    const run = await this.runs.create(spec, actor);
    this.engine.start(run.id);
    return { id: run.id, specSha256: run.specSha256, status: run.status, model: modelCostView(spec) };
  }

  @Get()
  @Answers(runListResponse, 'runs, newest first, with status and progress')
  async list(): Promise<z.infer<typeof runListResponse>> {
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
  @Answers(runDetailsResponse, 'a run with its rounds, tasks (live progress included), consents and model versions')
  get(@Param('id') id: string): Promise<RunDetails> {
    return this.runs.details(id);
  }

  /** Stops a pending or running run; sites are told to drop its tasks. */
  @Post(':id/cancel')
  @HttpCode(200)
  @Answers(runStatusResponse, 'stops a pending or running run')
  async cancel(@Param('id') id: string, @Actor() actor: AuditActor): Promise<z.infer<typeof runStatusResponse>> {
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
  @Answers('text/html', 'the run as a self-contained HTML study report, naming a signed audit checkpoint')
  report(@Param('id') id: string): Promise<string> {
    return this.reports.html(id);
  }

  /**
   * Body: { sites? }. Starts one evaluation job per personalised model the run collected (FedBN, crossSite): each
   * site's model on every listed site's validation data. 201 with the jobs; GET shows the matrix as they report.
   */
  @Post(':id/cross-site')
  @HttpCode(201)
  @Answers(crossSiteJobsResponse, "starts the evaluation jobs of the run's cross-site matrix")
  async crossSite(
    @Param('id') id: string,
    @Body(new ParsedBody(crossSiteRequestSchema, 'cross-site request')) request: CrossSiteRequest,
    @Actor() actor: AuditActor,
  ): Promise<z.infer<typeof crossSiteJobsResponse>> {
    const jobs = await this.evaluations.crossSite(id, request, actor);
    for (const job of jobs) this.engine.start(job.id);
    return { jobs: jobs.map((j) => ({ id: j.id, name: j.name, initialModel: j.spec.initialModel! })) };
  }

  /** Each shared personalised model of the run, evaluated at each site: the figures each site reported, by model and site. */
  @Get(':id/cross-site')
  @Answers(crossSiteMatrixResponse, 'each personalised model of the run evaluated at each site')
  crossSiteMatrix(@Param('id') id: string): Promise<CrossSiteMatrix> {
    return this.evaluations.crossSiteMatrix(id);
  }

  /** The final model's figures per scanner vendor and model, age bin and sex, pooled over the sites, with flags. */
  @Get(':id/subgroups')
  @Answers(subgroupsResponse, "the final model's figures by subgroup, pooled over the sites, with flags")
  subgroups(@Param('id') id: string): ReturnType<RunService['subgroups']> {
    return this.runs.subgroups(id);
  }

  /** The run's sites compared on their latest data profiles, flags with reasons, and the quality gate's exclusions. */
  @Get(':id/data-quality')
  @Roles('researcher', 'auditor')
  @Answers(dataQualityResponse, "the run's sites compared on their data profiles, with flags and exclusions")
  dataQuality(@Param('id') id: string): ReturnType<RunService['dataQuality']> {
    return this.runs.dataQuality(id);
  }

  /** Each site's differential-privacy cost in the run: planned and spent ε at the spec's δ (null: unbounded, no noise). */
  @Get(':id/privacy')
  @Roles('researcher', 'auditor')
  @Answers(runPrivacyResponse, "each site's planned and spent ε in the run")
  async privacy(@Param('id') id: string): Promise<unknown> {
    const answer = await this.runs.privacy(id);
    // JSON has no infinity: an unbounded ε is null.
    return {
      ...answer,
      sites: answer.sites.map((s) => ({ ...s, plannedEpsilon: finiteOrNull(s.plannedEpsilon), spentEpsilon: finiteOrNull(s.spentEpsilon) })),
    };
  }

  /** Which local label terms each site merged into each class, as the sites shared them (site policy shareLabelMap), with the audit event. */
  @Get(':id/label-mappings')
  @Roles('researcher', 'auditor')
  @Answers(labelMappingsResponse, "the mapping matrix: per site, the local terms it merged into each of the run's classes")
  labelMappings(@Param('id') id: string): ReturnType<RunService['labelMappings']> {
    return this.runs.labelMappings(id);
  }

  /**
   * tfjs layers-model JSON of the latest version, or ?version=best (by the spec's selection) or ?version=N (the
   * version round N made); its weights path resolves to the route below with the same choice, so
   * tf.loadLayersModel(url) works.
   */
  @Get(':id/model')
  @Answers(tfjsModelResponse, 'a model version of the run as a tfjs layers model.json (?version=latest|best|N)')
  async model(@Param('id') id: string, @Query('version') version: string | undefined): Promise<Record<string, unknown>> {
    return (await this.runs.exportModel(id, versionChoice(version))).modelJson;
  }

  @Get(':id/model/model.json')
  @Answers(tfjsModelResponse, 'the same model.json, at the path tf.loadLayersModel expects')
  modelJson(@Param('id') id: string, @Query('version') version: string | undefined): Promise<Record<string, unknown>> {
    return this.model(id, version);
  }

  @Get(':id/model/weights.bin')
  @Header('Content-Type', 'application/octet-stream')
  @Answers('application/octet-stream', "the model version's weights.bin")
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
