import { z } from 'zod';

import { annotationSchema } from '../../../common/data-profile.schema.js';
import { ROLES } from '../../persistence/entities/index.js';

/*
 * What each REST route answers, as zod schemas: the OpenAPI document is generated from them (with the request schemas
 * the controllers parse with), the controllers' return types are inferred from them, and the browser test validates
 * real responses against the generated document. Objects are open (extra fields allowed) where the response carries
 * a structure owned elsewhere (a run spec, a data profile, a tfjs model), and closed where this file is the contract.
 */

const iso = z.string().describe('ISO 8601 time');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const metrics = z.record(z.string(), z.number());
const opaque = z.looseObject({});

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

export const modelCostResponse = z.object({
  parameters: z.number().int(),
  stepFlops: z.number().nullable(),
  stepMemoryMegabytes: z.number().nullable(),
  summary: z.string(),
});

export const runCreatedResponse = z.object({ id: z.string(), specSha256: sha256, status: z.string(), model: modelCostResponse });
export const jobCreatedResponse = z.object({ id: z.string(), specSha256: sha256, status: z.string() });
export const runStatusResponse = z.object({ id: z.string(), status: z.string() });

export const runListResponse = z.object({
  runs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(['pending', 'running', 'completed', 'failed', 'cancelled']),
      rounds: z.number().int(),
      completedRounds: z.number().int(),
      createdAt: iso,
      error: z.string().nullable(),
    }),
  ),
});

const exclusion = z.object({ siteId: z.string(), reason: z.string(), at: iso });
const taskProgress = z.object({ taskId: z.string(), phase: z.string(), epoch: z.number(), epochs: z.number(), fraction: z.number(), at: iso });

export const runDetailsResponse = z.object({
  run: z.looseObject({
    id: z.string(),
    name: z.string(),
    spec: opaque.describe('the run spec as stored (see POST /api/runs)'),
    specSha256: sha256,
    status: z.enum(['pending', 'running', 'completed', 'failed', 'cancelled']),
    completedRounds: z.number().int(),
    latestModelVersionId: z.string().nullable(),
    error: z.string().nullable(),
    exclusions: z.array(exclusion).nullable(),
    createdAt: iso,
    updatedAt: iso,
  }),
  rounds: z.array(
    z.looseObject({
      id: z.string(),
      number: z.number().int(),
      kind: z.enum(['train', 'evaluate']),
      status: z.enum(['collecting', 'completed', 'failed', 'cancelled']),
      baseModelVersionId: z.string(),
      resultModelVersionId: z.string().nullable(),
      quorum: z.number().int(),
      startedAt: iso,
      deadlineAt: iso,
      completedAt: iso.nullable(),
      metrics: metrics.nullable(),
      error: z.string().nullable(),
      tasks: z.array(
        z.looseObject({
          id: z.string(),
          siteId: z.string(),
          status: z.enum(['sent', 'accepted', 'failed', 'expired', 'cancelled']),
          sentAt: iso,
          finishedAt: iso.nullable(),
          reason: z.string().nullable(),
          update: z
            .object({ id: z.string(), status: z.enum(['accepted', 'rejected']), reason: z.string().nullable(), sampleCount: z.number(), metrics })
            .nullable(),
          progress: taskProgress.nullable(),
        }),
      ),
    }),
  ),
  consents: z.array(z.object({ siteId: z.string(), state: z.string(), reason: z.string().nullable(), specSha256: z.string(), updatedAt: iso })),
  models: z.array(
    z.object({
      id: z.string(),
      round: z.number().int(),
      sha256,
      bytes: z.number().int(),
      parentId: z.string().nullable(),
      evaluation: metrics.nullable(),
      aggregation: z
        .object({
          strategy: z.string(),
          used: z.array(z.string()),
          excluded: z.array(z.object({ siteId: z.string(), reason: z.string() })),
          centralNoise: z.object({ sites: z.number().int(), stdDev: z.number() }).optional(),
        })
        .nullable(),
      createdAt: iso,
    }),
  ),
});

export const crossSiteJobsResponse = z.object({ jobs: z.array(z.object({ id: z.string(), name: z.string(), initialModel: z.string() })) });
export const crossSiteMatrixResponse = z.looseObject({
  runId: z.string(),
  models: z.array(z.object({ site: z.string(), modelId: z.string(), evaluationRunId: z.string().nullable(), status: z.string().nullable() })),
  sites: z.array(z.string()),
  cells: z.array(opaque),
});
export const subgroupsResponse = z.object({
  runId: z.string(),
  round: z.number().int().nullable(),
  subgroups: z.array(
    z.looseObject({
      dimension: z.string(),
      value: z.string(),
      classIndex: z.number().int(),
      cases: z.number(),
      auroc: z.number().nullable(),
      flag: z.string().nullable(),
    }),
  ),
});
export const siteQuality = z.looseObject({
  siteId: z.string(),
  fingerprint: z.string().nullable(),
  samples: z.number().nullable(),
  labelDivergence: z.number().nullable(),
  intensityDivergence: z.record(z.string(), z.number()),
  vendors: z.array(z.string()),
  identifyingFiles: z.number().nullable(),
  flags: z.array(z.string()),
});
export const dataQualityResponse = z.object({ runId: z.string(), thresholds: opaque, sites: z.array(siteQuality), exclusions: z.array(exclusion) });
export const runPrivacyResponse = z.object({
  runId: z.string(),
  noiseMultiplier: z.number(),
  level: z.enum(['site', 'sample']).describe("site: each round one Gaussian mechanism on a site's dataset; sample: DP-SGD steps on Poisson samples"),
  noise: z
    .enum(['local', 'distributed', 'central'])
    .describe('who adds site-level noise: each site, the sites in shares under secure aggregation, or the coordinator to the mean'),
  delta: z.number(),
  plannedRounds: z.number().int(),
  sites: z.array(
    z.object({
      siteId: z.string(),
      rounds: z.number().int().describe('updates the site has sent in the run'),
      samplingRate: z.number().describe("DP-SGD's Poisson sampling rate, from the site's reported training samples; 1 at site level"),
      stepsPerRound: z.number().int().describe('noised steps per round: 1 at site level'),
      plannedEpsilon: z.number().nullable().describe('ε of every planned round at δ; null: unbounded (no noise)'),
      spentEpsilon: z.number().nullable(),
    }),
  ),
});
export const labelMappingsResponse = z.object({
  runId: z.string(),
  classes: z.array(z.string()),
  sites: z.array(
    z.object({
      siteId: z.string(),
      shared: z.boolean().describe('whether the site shares its local terms (site policy shareLabelMap)'),
      since: iso.nullable(),
      auditSeq: z.number().int().nullable().describe('the site.label-map audit event that recorded this map'),
      byClass: z.record(z.string(), z.array(z.string())),
      outsideRun: z.record(z.string(), z.string()),
    }),
  ),
});
export const tfjsModelResponse = z.looseObject({ modelTopology: opaque, weightsManifest: z.array(opaque) }).describe('a tfjs layers model.json');

export const siteResponse = z.object({
  id: z.string(),
  name: z.string(),
  enrolledAt: iso,
  lastSeenAt: iso.nullable(),
  agentVersion: z.string().nullable(),
  backend: z.object({ name: z.string(), device: z.string(), notes: z.array(z.string()) }).nullable(),
  dataset: opaque.nullable().describe("the dataset summary of the site's last hello (k-guarded counts)"),
  revokedAt: iso.nullable(),
});
export const siteListResponse = z.object({
  sites: z.array(
    siteResponse.extend({
      online: z.boolean(),
      certificate: z.object({ serial: z.string(), notAfter: iso, daysLeft: z.number().int() }).nullable(),
    }),
  ),
});
export const profilesResponse = z.object({ profiles: z.array(opaque) });
export const enrolmentTokenResponse = z.object({ siteId: z.string(), token: z.string().describe('shown once'), expiresAt: iso, caSha256: sha256 });
export const siteRevokedResponse = z.object({ siteId: z.string(), revokedAt: iso, certificates: z.number().int() });
export const issuedCertificateResponse = z.object({
  siteId: z.string(),
  certificate: z.string(),
  caCertificate: z.string(),
  serial: z.string(),
  notAfter: iso,
});

const initialModel = z.object({
  id: z.string(),
  name: z.string(),
  origin: z.string(),
  sha256,
  bytes: z.number().int(),
  parameters: z.number().int(),
  createdAt: iso,
  createdBy: z.string(),
  runId: z.string().nullable(),
  siteId: z.string().nullable(),
  baseVersionId: z.string().nullable(),
});
export const initialModelResponse = initialModel;
export const initialModelListResponse = z.object({ models: z.array(initialModel) });
const lineageVersion = z.looseObject({
  id: z.string(),
  round: z.number().int(),
  sha256,
  parentId: z.string().nullable(),
  createdAt: iso,
  strategy: z.string().nullable(),
  contributors: z.array(
    z.looseObject({
      updateId: z.string(),
      siteId: z.string(),
      sha256,
      sampleCount: z.number(),
      datasetFingerprint: z.string().nullable(),
      labels: z
        .object({
          sources: annotationSchema.shape.sources,
          assistedBy: z.array(z.object({ sha256, modelVersionId: z.string().nullable(), runId: z.string().nullable(), round: z.number().int().nullable() })),
        })
        .nullable()
        .describe("where the labels of the site's data came from, and the model versions whose pre-annotation helped make them"),
    }),
  ),
  excluded: z.array(z.object({ siteId: z.string(), reason: z.string() })),
});
export const lineageResponse = z
  .union([
    z.looseObject({
      model: lineageVersion,
      ancestry: z.array(lineageVersion),
      run: z.looseObject({ id: z.string(), name: z.string(), specSha256: sha256, rounds: z.number().int() }),
      runExclusions: z.array(exclusion),
      software: z.object({ consilium: z.string(), node: z.string() }),
      origin: opaque.nullable(),
    }),
    z.looseObject({ prefix: z.record(z.string(), z.string()), entity: opaque, activity: opaque, agent: opaque }).describe('W3C PROV-JSON (?format=prov)'),
  ])
  .describe('the lineage as JSON, or with ?format=prov as W3C PROV-JSON');

export const auditEventResponse = z.object({
  seq: z.number().int(),
  at: iso,
  actor: z.string(),
  action: z.string(),
  subjects: z.record(z.string(), z.string()),
  payload: opaque,
  payloadSha256: sha256,
  prevHash: z.string(),
  hash: sha256,
});
export const auditListResponse = z.object({ events: z.array(auditEventResponse), next: z.number().int().nullable() });
export const auditVerdictResponse = z.union([
  z.object({
    ok: z.literal(true),
    events: z.number().int(),
    head: z.object({ seq: z.number().int(), hash: sha256 }).nullable(),
    checkpoints: z.number().int().optional(),
  }),
  z.object({ ok: z.literal(false), seq: z.number().int(), reason: z.string(), checkpoints: z.number().int().optional() }),
]);
export const auditKeyResponse = z.object({ keyId: z.string(), algorithm: z.literal('Ed25519'), publicKeyPem: z.string() });

const token = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  createdAt: iso,
  createdBy: z.string(),
  revokedAt: iso.nullable(),
  lastUsedAt: iso.nullable(),
});
export const tokenListResponse = z.object({ tokens: z.array(token) });
export const tokenCreatedResponse = token.extend({ token: z.string().describe('the bearer secret, shown once') });
export const tokenRevokedResponse = token;

const databaseStatus = z.object({ type: z.string(), writable: z.boolean(), error: z.string().nullable(), failingSince: iso.nullable() });
export const healthResponse = z.object({ status: z.enum(['ok', 'unavailable']), database: databaseStatus });
export const readyResponse = z.object({
  ready: z.boolean(),
  database: databaseStatus,
  blobs: z.object({ writable: z.boolean(), error: z.string().nullable() }),
  ca: z.object({ loaded: z.boolean(), notAfter: iso, daysLeft: z.number().int() }),
});

export const sessionResponse = z.object({ name: z.string(), role: z.enum(ROLES) });
