import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the metrics read when scraped rather than count as things happen. */
export interface MetricSources {
  sitesOnline(): number;
  /** The audit chain's head sequence number (0 when empty): the number of events recorded. */
  auditChainLength(): Promise<number>;
}

/**
 * The process's own series (CPU, memory, heap, GC, event-loop lag), once per process: prom-client's event-loop
 * monitor is a timer that is never stopped, so each coordinator started in a test would leave one behind.
 */
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Seconds since a start measured with performance.now(), for histograms. */
export function secondsSince(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}

/**
 * The coordinator's Prometheus series (README, "Operations"). Counters and
 * histograms are fed by the services as things happen; gauges that describe
 * the present (sites online, audit chain length) are read at scrape time.
 * Label values are closed sets (round kinds, outcomes, rejection kinds), never
 * ids, so the number of series stays bounded however many runs and sites come.
 */
export class CoordinatorMetrics {
  readonly registry = new Registry();
  private readonly at = { registers: [this.registry] };

  readonly roundsOpened = new Counter({
    name: 'consilium_rounds_opened_total',
    help: 'Rounds opened, by kind (train, evaluate).',
    labelNames: ['kind'],
    ...this.at,
  });
  readonly roundsClosed = new Counter({
    name: 'consilium_rounds_closed_total',
    help: 'Rounds closed, by kind and outcome (completed, failed, cancelled).',
    labelNames: ['kind', 'outcome'],
    ...this.at,
  });
  readonly roundSeconds = new Histogram({
    name: 'consilium_round_duration_seconds',
    help: 'Seconds from opening a round to closing it, by kind and outcome.',
    labelNames: ['kind', 'outcome'],
    buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 14_400],
    ...this.at,
  });
  readonly updates = new Counter({
    name: 'consilium_updates_total',
    help: 'Updates judged, by outcome (accepted, rejected) and the kind of rejection (none when accepted).',
    labelNames: ['outcome', 'reason'],
    ...this.at,
  });
  readonly bytesReceived = new Counter({
    name: 'consilium_received_bytes_total',
    help: 'Bytes received from sites over gRPC, by kind (update).',
    labelNames: ['kind'],
    ...this.at,
  });
  readonly bytesSent = new Counter({
    name: 'consilium_sent_bytes_total',
    help: 'Bytes sent to sites over gRPC, by kind (model).',
    labelNames: ['kind'],
    ...this.at,
  });
  readonly uploadsInFlight = new Gauge({ name: 'consilium_upload_sessions_in_flight', help: 'Update uploads being received now.', ...this.at });
  readonly aggregationSeconds = new Histogram({
    name: 'consilium_aggregation_seconds',
    help: "Seconds a strategy took to fold a round's updates into the next model.",
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
    ...this.at,
  });
  readonly blobSeconds = new Histogram({
    name: 'consilium_blob_seconds',
    help: 'Seconds a blob store call took (put, adopt, get, open for reading, probe), by outcome (ok, failed).',
    labelNames: ['operation', 'outcome'],
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    ...this.at,
  });
  readonly transactionSeconds = new Histogram({
    name: 'consilium_db_transaction_seconds',
    help: 'Seconds a database transaction took, queueing included, by outcome (committed, failed).',
    labelNames: ['outcome'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    ...this.at,
  });

  constructor(sources: MetricSources) {
    new Gauge({
      name: 'consilium_sites_online',
      help: 'Sites with a stream open to this coordinator process.',
      collect() {
        this.set(sources.sitesOnline());
      },
      ...this.at,
    });
    new Gauge({
      name: 'consilium_audit_chain_length',
      help: 'Events in the audit chain (its head sequence number).',
      async collect() {
        this.set(await sources.auditChainLength());
      },
      ...this.at,
    });
  }

  /** A round closed: counted by kind and outcome, its duration from `startedAt` (ISO) to `closedAt`. */
  roundClosed(kind: string, outcome: 'completed' | 'failed' | 'cancelled', startedAt: string, closedAt: Date): void {
    this.roundsClosed.inc({ kind, outcome });
    this.roundSeconds.observe({ kind, outcome }, Math.max(0, (closedAt.getTime() - Date.parse(startedAt)) / 1000));
  }

  /** The text a Prometheus scrape reads: this coordinator's series and the process's. */
  async text(): Promise<string> {
    return (await Registry.merge([this.registry, processMetrics()]).metrics()) as string;
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
