import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import { ConsiliumError, describeError } from '../../common/errors.js';

const port = z.coerce.number().int().min(0).max(65_535);

/** Coordinator settings, checked once at boot. Environment variables override the YAML file. */
export const coordinatorConfigSchema = z
  .strictObject({
    /** Interface both servers bind; 0.0.0.0 to accept sites from other machines. */
    host: z.string().min(1).default('127.0.0.1'),
    httpPort: port.default(8080),
    grpcPort: port.default(50051),
    /** Folder for the SQLite file and the blob store. */
    stateDir: z.string().min(1).default('.consilium/coordinator'),
    /** postgres://user@host:5432/db; SQLite in stateDir when absent. */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'databaseUrl must start with postgres:// or postgresql://')
      .optional(),
    /** Largest gRPC message accepted; update and model chunks must fit. */
    maxMessageBytes: z.coerce
      .number()
      .int()
      .min(64 * 1024)
      .max(64 * 1024 * 1024)
      .default(4 * 1024 * 1024),
    /** Chunk size for model downloads. */
    chunkBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024)
      .default(1024 * 1024),
    heartbeatIntervalMs: z.coerce.number().int().min(100).max(600_000).default(5_000),
    /** How often the coordinator signs the head of the audit chain (also at every run's end). */
    auditCheckpointSeconds: z.coerce.number().int().min(1).max(86_400).default(3_600),
    /** Largest model a run spec may declare, counted from its topology before anything is built; the site policy's default is the same. */
    maxParameters: z.coerce.number().int().min(1).max(2_000_000_000).default(50_000_000),
    /** Largest REST request body, e.g. a run spec. */
    maxBodyBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .default(10 * 1024 * 1024),
    /** Extra names (DNS or IP) in the gRPC server certificate besides localhost, 127.0.0.1, ::1, this host's name and `host`. */
    serverNames: z.array(z.string().min(1)).default([]),
    /** Lifetime of site certificates; agents renew when less than 20 % is left. */
    siteCertificateDays: z.coerce.number().int().min(1).max(825).default(90),
    /** Longest lifetime an administrator may give an enrolment token. */
    maxEnrolmentTokenHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24 * 7),
    /** gRPC calls (Connect, FetchModel, SubmitUpdate, RenewCertificate) one site may open per minute. */
    siteCallsPerMinute: z.coerce.number().int().min(1).max(100_000).default(120),
    /**
     * Serve the REST API over HTTPS: with the federation CA's server certificate
     * (`https: true`), or with an organisation's own (`httpsCertFile`, `httpsKeyFile`).
     */
    https: z.preprocess((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v), z.boolean().default(false)),
    httpsCertFile: z.string().min(1).optional(),
    httpsKeyFile: z.string().min(1).optional(),
    /**
     * Where models, updates and strategy state are kept: `filesystem` (stateDir/blobs, the default) or an
     * S3-compatible object store (AWS S3, MinIO, Ceph RGW), whose credentials come from the AWS SDK's default chain
     * (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile, or an instance role), never from this file.
     */
    blobStore: z
      .discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('filesystem') }),
        z.strictObject({
          kind: z.literal('s3'),
          bucket: z.string().min(3).max(63),
          /** A self-hosted store's URL, e.g. http://127.0.0.1:7480; absent: AWS S3 in `region`. */
          endpoint: z.url().optional(),
          region: z.string().min(1).default('us-east-1'),
          /** Bucket in the path rather than the host name, which self-hosted stores need. */
          forcePathStyle: z.boolean().default(true),
          /** Key prefix, so one bucket may hold several federations; ends with '/' when set. */
          prefix: z
            .string()
            .regex(/^([A-Za-z0-9._-]+\/)*$/, 'prefix: path segments each ending with "/", e.g. consortium-a/')
            .default(''),
          /** Local cache of blobs fetched for reading (aggregation and model downloads), in stateDir/blob-cache. */
          cacheBytes: z.coerce
            .number()
            .int()
            .min(64 * 1024 * 1024)
            .default(4 * 1024 * 1024 * 1024),
        }),
      ])
      .default({ kind: 'filesystem' }),
    /**
     * `solo`: this process is the whole coordinator. `postgres`: several coordinator processes (behind one address)
     * share the PostgreSQL database in databaseUrl, an S3 blob store (or a filesystem one on a volume they all mount),
     * and stateDir's pki folder and signing key; each run is driven by the process holding its lease, and processes
     * tell each other about tasks, offers and updates with LISTEN/NOTIFY.
     */
    cluster: z
      .discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('solo') }),
        z.strictObject({
          kind: z.literal('postgres'),
          /** A run whose driving process died is taken over about this long after that process last renewed its lease. */
          leaseSeconds: z.coerce.number().int().min(3).max(300).default(15),
          /** The LISTEN/NOTIFY channel; federations sharing one database each need their own. */
          channel: z
            .string()
            .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'channel: lower-case letters, digits and _, at most 63, not starting with a digit')
            .default('consilium'),
        }),
      ])
      .default({ kind: 'solo' }),
  })
  .refine((c) => (c.httpsCertFile === undefined) === (c.httpsKeyFile === undefined), {
    path: ['httpsKeyFile'],
    message: "httpsCertFile and httpsKeyFile go together: give both, or neither to use the federation CA's certificate",
  })
  .refine((c) => c.cluster.kind === 'solo' || c.databaseUrl !== undefined, {
    path: ['cluster'],
    message: 'cluster.kind postgres shares runs through PostgreSQL: set databaseUrl (or DATABASE_URL) to the database every coordinator process uses',
  });

export type CoordinatorConfig = z.infer<typeof coordinatorConfigSchema>;
export type CoordinatorConfigInput = z.input<typeof coordinatorConfigSchema>;

const ENV_KEYS: Record<string, keyof CoordinatorConfig> = {
  CONSILIUM_HOST: 'host',
  CONSILIUM_HTTP_PORT: 'httpPort',
  CONSILIUM_GRPC_PORT: 'grpcPort',
  CONSILIUM_STATE_DIR: 'stateDir',
  DATABASE_URL: 'databaseUrl',
  CONSILIUM_HTTPS: 'https',
};

/** Reads an optional YAML file, applies environment overrides, then explicit overrides, and validates. */
export function loadCoordinatorConfig(file: string | undefined, env: NodeJS.ProcessEnv, overrides: CoordinatorConfigInput = {}): CoordinatorConfig {
  let fromFile: Record<string, unknown> = {};
  if (file) {
    try {
      fromFile = (parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown> | null) ?? {};
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `cannot read coordinator config ${file}: ${describeError(error)}`);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    if (env[name] !== undefined && env[name] !== '') fromEnv[key] = env[name];
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const result = coordinatorConfigSchema.safeParse({ ...fromFile, ...fromEnv, ...defined });
  if (!result.success) throw ConsiliumError.fromZod(`coordinator config${file ? ` (${file})` : ''}`, result.error);
  return { ...result.data, stateDir: path.resolve(result.data.stateDir) };
}
