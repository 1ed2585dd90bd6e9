import type { Clock } from '../../common/clock.js';
import { renderRunReport } from '../domain/report/run-report.html.js';
import type { AuditLog } from './audit-log.js';
import type { Evaluations } from './evaluations.js';
import type { LineageService } from './lineage.service.js';
import type { RunService } from './run.service.js';

/**
 * `consilium run report`: gathers what a study report shows (the run, its
 * rounds and metrics, the data-quality comparison, the lineage of the best
 * or else the latest version) and signs the audit head first, so the report
 * names a checkpoint that covers every event it reports.
 */
export class RunReports {
  constructor(
    private readonly runs: RunService,
    private readonly lineage: LineageService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly evaluations: Evaluations,
  ) {}

  async html(runId: string): Promise<string> {
    const details = await this.runs.details(runId);
    const quality = await this.runs.dataQuality(runId);
    const versionId = details.run.selection?.modelVersionId ?? details.run.latestModelVersionId;
    return renderRunReport({
      run: details.run,
      rounds: details.rounds,
      consents: details.consents,
      quality,
      lineage: versionId ? await this.lineage.lineage(versionId) : null,
      checkpoint: await this.audit.signedHead(`run report ${runId}`),
      generatedAt: this.clock.iso(),
      crossSite: details.run.spec.strategy.name === 'fedbn' && details.run.spec.strategy.crossSite ? await this.evaluations.crossSiteMatrix(runId) : null,
    });
  }
}
