import { ConsiliumError } from '../../common/errors.js';
import { CONSILIUM_VERSION } from '../../common/version.js';
import type { Lineage, LineageVersion } from '../domain/lineage.js';
import type { ModelVersion, Update } from '../domain/records.js';
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
    const fingerprints = new Map<string, { receivedAt: string; fingerprint: string }[]>();
    const fingerprintAt = async (update: Update): Promise<string | null> => {
      if (!fingerprints.has(update.siteId)) {
        fingerprints.set(
          update.siteId,
          (await this.repos.profiles.forSite(update.siteId)).map((p) => ({ receivedAt: p.receivedAt, fingerprint: p.fingerprint })),
        );
      }
      // The dataset version the site had reported when its update arrived.
      const known = fingerprints
        .get(update.siteId)!
        .filter((p) => p.receivedAt <= update.receivedAt)
        .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1));
      return known[0]?.fingerprint ?? null;
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
          return {
            ...c,
            round: update?.roundNumber ?? v.round,
            metrics: update?.metrics ?? {},
            datasetFingerprint: update ? await fingerprintAt(update) : null,
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
