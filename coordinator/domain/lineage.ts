import type { AnnotationSummary } from '../../common/data-profile.schema.js';
import type { ModelOrigin } from './records.js';
/**
 * Model lineage, and its W3C PROV-JSON form: pure functions over records the
 * coordinator already keeps (model versions, accepted updates, exclusions).
 */

export interface LineageContributor {
  updateId: string;
  siteId: string;
  sha256: string;
  sampleCount: number;
  /** Merkle root of the site's data when the update arrived, when the site reported one. */
  datasetFingerprint: string | null;
  /**
   * Where that data's labels came from, as the site's profile said (k-guarded counts), and the model versions whose
   * pre-annotation helped make them (named when this coordinator made them); null when every label was a person's.
   */
  labels: ContributorLabels | null;
  metrics: Record<string, number>;
  round: number;
}

export interface ContributorLabels {
  sources: AnnotationSummary['sources'];
  assistedBy: { sha256: string; modelVersionId: string | null; runId: string | null; round: number | null }[];
}

export interface LineageVersion {
  id: string;
  round: number;
  sha256: string;
  parentId: string | null;
  createdAt: string;
  strategy: string | null;
  contributors: LineageContributor[];
  excluded: { siteId: string; reason: string }[];
}

export interface Lineage {
  model: LineageVersion;
  /** Every version from the initial weights to this one, oldest first (this one last). */
  ancestry: LineageVersion[];
  run: { id: string; name: string; specSha256: string; strategy: unknown; rounds: number };
  /** Sites the run's quality gate left out, and why. */
  runExclusions: { siteId: string; reason: string; at: string }[];
  software: { consilium: string; node: string };
  /** What the run started from, when not from seeded weights: an uploaded model or an earlier run's version, and which tensors it gave. */
  origin: ModelOrigin | null;
}

type ProvRecord = Record<string, unknown>;

/**
 * PROV-JSON (W3C PROV-JSON submission): model versions, updates and site
 * datasets are entities; each aggregation round is an activity; sites, the
 * coordinator and the researcher are agents. Every relation refers only to
 * ids defined in the same document.
 */
export function lineageToProv(lineage: Lineage): Record<string, Record<string, ProvRecord> | Record<string, string>> {
  const entity: Record<string, ProvRecord> = {};
  const activity: Record<string, ProvRecord> = {};
  const agent: Record<string, ProvRecord> = {
    'consilium:coordinator': { 'prov:type': 'prov:SoftwareAgent', 'consilium:version': lineage.software.consilium },
    'consilium:researcher': { 'prov:type': 'prov:Person', 'consilium:note': "the run's author; identities arrive with user accounts" },
  };
  const relations = {
    wasGeneratedBy: {} as Record<string, ProvRecord>,
    used: {} as Record<string, ProvRecord>,
    wasAssociatedWith: {} as Record<string, ProvRecord>,
    wasDerivedFrom: {} as Record<string, ProvRecord>,
    wasAttributedTo: {} as Record<string, ProvRecord>,
    wasInfluencedBy: {} as Record<string, ProvRecord>,
  };
  let n = 0;
  const relate = (kind: keyof typeof relations, record: ProvRecord): void => {
    relations[kind][`_:${kind}${++n}`] = record;
  };
  const modelId = (v: { id: string }) => `consilium:model/${v.id}`;
  for (const version of lineage.ancestry) {
    entity[modelId(version)] = {
      'prov:type': 'consilium:ModelVersion',
      'consilium:round': version.round,
      'consilium:sha256': version.sha256,
      'prov:generatedAtTime': version.createdAt,
    };
    if (version.parentId === null) {
      const origin = lineage.origin;
      if (version.round === 0 && origin) {
        const source = origin.kind === 'initial-model' ? `consilium:initial-model/${origin.id}` : `consilium:model/${origin.id}`;
        entity[source] ??= {
          'prov:type': origin.kind === 'initial-model' ? 'consilium:InitialModel' : 'consilium:ModelVersion',
          'consilium:sha256': origin.sha256,
          'consilium:name': origin.name,
        };
        relate('wasDerivedFrom', {
          'prov:generatedEntity': modelId(version),
          'prov:usedEntity': source,
          'consilium:tensorsTaken': origin.taken.length,
          'consilium:tensorsFresh': origin.fresh.length,
        });
      }
      continue;
    }
    const round = `consilium:round/${lineage.run.id}/${version.round}`;
    activity[round] = { 'prov:type': 'consilium:AggregationRound', 'consilium:strategy': version.strategy ?? 'unknown', 'prov:endTime': version.createdAt };
    relate('wasGeneratedBy', { 'prov:entity': modelId(version), 'prov:activity': round });
    relate('wasAssociatedWith', { 'prov:activity': round, 'prov:agent': 'consilium:coordinator' });
    relate('wasAssociatedWith', { 'prov:activity': round, 'prov:agent': 'consilium:researcher' });
    relate('used', { 'prov:activity': round, 'prov:entity': `consilium:model/${version.parentId}` });
    relate('wasDerivedFrom', { 'prov:generatedEntity': modelId(version), 'prov:usedEntity': `consilium:model/${version.parentId}` });
    for (const c of version.contributors) {
      const site = `consilium:site/${c.siteId}`;
      const update = `consilium:update/${c.updateId}`;
      agent[site] = { 'prov:type': 'prov:Organization' };
      entity[update] = { 'prov:type': 'consilium:WeightUpdate', 'consilium:sha256': c.sha256, 'consilium:sampleCount': c.sampleCount };
      relate('used', { 'prov:activity': round, 'prov:entity': update });
      relate('wasAttributedTo', { 'prov:entity': update, 'prov:agent': site });
      relate('wasDerivedFrom', { 'prov:generatedEntity': modelId(version), 'prov:usedEntity': update });
      relate('wasDerivedFrom', { 'prov:generatedEntity': update, 'prov:usedEntity': `consilium:model/${version.parentId}` });
      if (c.datasetFingerprint) {
        const dataset = `consilium:dataset/${c.siteId}/${c.datasetFingerprint}`;
        entity[dataset] = {
          'prov:type': 'consilium:SiteDataset',
          'consilium:fingerprint': c.datasetFingerprint,
          ...(c.labels
            ? {
                'consilium:labelsModelAssistedReviewed': c.labels.sources.modelReviewed,
                'consilium:labelsModelAssistedUnreviewed': c.labels.sources.modelUnreviewed,
              }
            : {}),
        };
        relate('wasAttributedTo', { 'prov:entity': dataset, 'prov:agent': site });
        relate('wasDerivedFrom', { 'prov:generatedEntity': update, 'prov:usedEntity': dataset });
        // Labels an earlier model pre-annotated: the dataset was influenced by that model version.
        for (const helper of c.labels?.assistedBy ?? []) {
          const model = helper.modelVersionId ? `consilium:model/${helper.modelVersionId}` : `consilium:model-sha256/${helper.sha256}`;
          entity[model] ??= {
            'prov:type': 'consilium:ModelVersion',
            'consilium:sha256': helper.sha256,
            ...(helper.runId ? { 'consilium:run': helper.runId } : {}),
          };
          relate('wasInfluencedBy', { 'prov:influencee': dataset, 'prov:influencer': model, 'prov:type': 'consilium:PreAnnotation' });
        }
      }
    }
  }
  return { prefix: { consilium: 'urn:consilium:', prov: 'http://www.w3.org/ns/prov#' }, entity, activity, agent, ...relations };
}
