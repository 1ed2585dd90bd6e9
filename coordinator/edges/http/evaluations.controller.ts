import { Body, Controller, HttpCode, Post } from '@nestjs/common';

import type { AuditActor } from '../../domain/audit-chain.js';
import { type EvaluationRequest, evaluationRequestSchema, Evaluations } from '../../services/evaluations.js';
import { RoundEngine } from '../../services/round-engine.js';
import { Actor, Roles } from './access.js';
import { Answers } from './openapi.js';
import { ParsedBody } from './parsed-body.pipe.js';
import { jobCreatedResponse } from './responses.js';

@Controller('api/evaluations')
@Roles('researcher')
export class EvaluationsController {
  constructor(
    private readonly evaluations: Evaluations,
    private readonly engine: RoundEngine,
  ) {}

  /** Body: { model, sites, classes? (uploaded models), … }; 201 with the evaluation run's id: watch, report and download it as a run. */
  @Post()
  @HttpCode(201)
  @Answers(jobCreatedResponse, "starts an evaluation job: a model evaluated at the listed sites' validation data")
  async create(
    @Body(new ParsedBody(evaluationRequestSchema, 'evaluation')) request: EvaluationRequest,
    @Actor() actor: AuditActor,
  ): Promise<{ id: string; specSha256: string; status: string }> {
    const run = await this.evaluations.create(request, actor);
    this.engine.start(run.id);
    return { id: run.id, specSha256: run.specSha256, status: run.status };
  }
}
