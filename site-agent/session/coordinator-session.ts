import type * as grpc from '@grpc/grpc-js';

import type { Cancel, Clock } from '../../common/clock.js';
import type { AgentHello, CoordinatorOrder, SiteReport } from '../../common/task-order.js';
import type { consilium } from '../../proto/gen/consilium.js';
import type { AgentLogger } from '../task/task-deps.js';
import { helloToProto, orderFromProto, reportToProto } from '../transport/site-message.mapper.js';
import { backoffMs } from './backoff.js';

/** How often a connected agent looks whether its certificate is due for renewal. */
const RENEWAL_CHECK_MS = 3_600_000;

export interface SessionSettings {
  coordinator: string;
  siteId: string;
  reconnect: { initialDelayMs: number; maxDelayMs: number };
}

/** What the session needs of the site's connection: a stream to open, and a certificate to renew when due. */
export interface SessionConnection {
  readonly client: { connect(): grpc.ClientDuplexStream<consilium.v1.ISiteMessage, consilium.v1.CoordinatorMessage> };
  tryRenewal(): Promise<boolean>;
}

export interface SessionHandlers {
  /** What the agent says when it connects; asked anew for every connection. */
  hello(): AgentHello;
  /** A new connection starts: whatever was said on the last one may have to be said again. */
  connecting(): void;
  onOrder(order: CoordinatorOrder): void;
}

/**
 * The stream to the coordinator, kept open: dial out, say hello, beat the
 * heart at the interval the coordinator asks, and on any break wait with
 * backoff and dial again, renewing the certificate when it is due. I/O
 * only; what the messages mean is the handlers' business.
 */
export class CoordinatorSession {
  private stream: grpc.ClientDuplexStream<consilium.v1.ISiteMessage, consilium.v1.CoordinatorMessage> | null = null;
  private stopped = false;
  private readonly stopping = new AbortController();

  constructor(
    private readonly connection: SessionConnection,
    private readonly settings: SessionSettings,
    private readonly handlers: SessionHandlers,
    private readonly clock: Clock,
    private readonly logger: AgentLogger,
  ) {}

  /** Aborted when the agent stops: downloads and uploads in flight give up their retries. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  get connected(): boolean {
    return this.stream !== null;
  }

  /** Sends a report when connected; a report made while disconnected is dropped (the coordinator asks again, or the outbox resends). */
  send(report: SiteReport): void {
    this.stream?.write(reportToProto(report));
  }

  /** Runs until stop(): connect, serve, and on any break wait with backoff and connect again. */
  async run(): Promise<void> {
    // A connection can last longer than a certificate: look hourly, and reconnect with the new one when it was renewed.
    const renewals = this.clock.every(RENEWAL_CHECK_MS, () => void this.connection.tryRenewal().then((renewed) => renewed && this.stream?.cancel()));
    let failures = 0;
    while (!this.stopped) {
      await this.connection.tryRenewal();
      const welcomed = await this.open();
      if (this.stopped) break;
      failures = welcomed ? 0 : failures + 1;
      const delay = backoffMs(failures, this.settings.reconnect.initialDelayMs, this.settings.reconnect.maxDelayMs);
      this.logger.info(`reconnecting in ${Math.round(delay)} ms`);
      await this.clock.sleep(delay, this.stopping.signal);
    }
    renewals();
  }

  stop(): void {
    this.stopped = true;
    this.stopping.abort();
    this.stream?.cancel();
  }

  /** One connection; resolves when it ends, with whether the coordinator welcomed us. */
  private open(): Promise<boolean> {
    return new Promise((resolve) => {
      let welcomed = false;
      let heartbeat: Cancel | null = null;
      this.handlers.connecting();
      const stream = this.connection.client.connect();
      this.stream = stream;
      const done = (): void => {
        heartbeat?.();
        this.stream = null;
        resolve(welcomed);
      };
      stream.on('data', (message: consilium.v1.CoordinatorMessage) => {
        const order = orderFromProto(message);
        if (order?.kind === 'welcome') {
          welcomed = true;
          this.logger.info(`connected to ${this.settings.coordinator} as ${this.settings.siteId}`);
          heartbeat = this.clock.every(order.heartbeatIntervalMs, () => this.send({ kind: 'heartbeat', sentAtUnixMs: this.clock.now().getTime() }));
        } else if (order) this.handlers.onOrder(order);
      });
      stream.on('error', (error: grpc.ServiceError) => {
        if (!this.stopped) this.logger.warn(`connection to ${this.settings.coordinator} lost: ${error.details || error.message}`);
        done();
      });
      stream.on('end', done);
      stream.write(helloToProto(this.handlers.hello()));
    });
  }
}
