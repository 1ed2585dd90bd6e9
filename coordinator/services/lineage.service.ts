import { ConsiliumError } from '../../common/errors.js';
import { CONSILIUM_VERSION } from '../../common/version.js';
import type { ContributorLabels, Lineage, LineageVersion } from '../domain/lineage.js';
import type { ModelVersion, Update } from '../domain/records.js';
import type { DataProfileEntity } from '../persistence/entities/data-profile.entity.js';
import type { Repositories } from '../persistence/repositories/index.js';

/** Which data, from which sites, under which settings, produced a model version. */
export class LineageService {
  constructor(private readonly repos: Repositories) {}

  async lineage(modelVersionId: string): Promise<Lineage> {
    const model = await this.repos.models.get(modelVersionId);
    if (!model) throw new ConsiliumError('NOT_FOUND', `model version ${modelVersionId} does not exist`);
    const run = (await this.repos.runs.get(model.runId))!;
    const versions = new Map((await this.repos.models.forRun(run.id)).map((v) => [v.id, v]));
    const chain: ModelVersion[] = [];
    for (let v: ModelVersion | undefined = model; v; v = v.parentId ? versions.get(v.parentId) : undefined) chain.unshift(v);
    const updates = new Map((await this.repos.updates.forRun(run.id)).filter((u) => u.status === 'accepted').map((u) => [u.id, u]));
    const profiles = new Map<string, DataProfileEntity[]>();
    const datasetAt = async (update: Update): Promise<DataProfileEntity | null> => {
      if (!profiles.has(update.siteId)) profiles.set(update.siteId, await this.repos.profiles.forSite(update.siteId));
      // The dataset version the site had reported when its update arrived.
      const known = profiles
        .get(update.siteId)!
        .filter((p) => p.receivedAt <= update.receivedAt)
        .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1));
      return known[0] ?? null;
    };
    const helpers = new Map<string, Promise<ContributorLabels['assistedBy'][number]>>();
    const helper = (sha256: string): Promise<ContributorLabels['assistedBy'][number]> => {
      if (!helpers.has(sha256)) {
        helpers.set(
          sha256,
          this.repos.models.bySha256(sha256).then(([v]) => ({ sha256, modelVersionId: v?.id ?? null, runId: v?.runId ?? null, round: v?.round ?? null })),
        );
      }
      return helpers.get(sha256)!;
    };
    const labelsOf = async (dataset: DataProfileEntity | null): Promise<ContributorLabels | null> => {
      const annotation = dataset?.profile.annotation;
      if (!annotation) return null;
      return { sources: annotation.sources, assistedBy: await Promise.all(annotation.assistedBy.map(helper)) };
    };
    const describe = async (v: ModelVersion): Promise<LineageVersion> => ({
      id: v.id,
      round: v.round,
      sha256: v.sha256,
      parentId: v.parentId,
      createdAt: v.createdAt,
      strategy: v.aggregation?.strategy ?? null,
      contributors: await Promise.all(
        v.contributors.map(async (c) => {
          const update = updates.get(c.updateId);
          const dataset = update ? await datasetAt(update) : null;
          return {
            ...c,
            round: update?.roundNumber ?? v.round,
            metrics: update?.metrics ?? {},
            datasetFingerprint: dataset?.fingerprint ?? null,
            labels: await labelsOf(dataset),
          };
        }),
      ),
      excluded: v.aggregation?.excluded ?? [],
    });
    const ancestry = await Promise.all(chain.map(describe));
    return {
      model: ancestry.at(-1)!,
      ancestry,
      run: { id: run.id, name: run.name, specSha256: run.specSha256, strategy: run.spec.strategy, rounds: run.spec.rounds },
      runExclusions: run.exclusions ?? [],
      software: { consilium: CONSILIUM_VERSION, node: process.version },
      origin: chain[0]?.origin ?? null,
    };
  }
}
