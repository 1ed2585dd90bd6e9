import type * as grpc from '@grpc/grpc-js';

import { ConsiliumError, describeError } from '../../../common/errors.js';
import type { consilium } from '../../../proto/gen/consilium.js';
import type { ServiceLogger } from '../../services/logger.js';
import type { SiteService } from '../../services/site.service.js';
import type { SiteChannel, SiteSessions } from '../../services/site-sessions.js';
import type { UpdateService } from '../../services/update.service.js';
import { messagesOf, StreamBroken } from './call-messages.js';
import { toStatus } from './grpc-status.js';
import { decoded } from './safe-definition.js';
import {
  consentFromProto,
  evaluationFromProto,
  helloFromProto,
  offerToProto,
  progressFromProto,
  secAggFromProto,
  secAggToProto,
  taskToProto,
} from './site-message.mappers.js';

/** Site messages waiting for the handler before the stream is paused. */
const MAX_QUEUED_MESSAGES = 16;

/**
 * The site's long-lived stream: a hello that must match the client
 * certificate, then heartbeats, progress, consents, failures and
 * evaluations, handled one after another; tasks, cancellations and offers
 * go down the same stream through the site's session.
 */
export class SiteStreamHandler {
  constructor(
    private readonly sites: SiteService,
    private readonly sessions: SiteSessions,
    private readonly updates: UpdateService,
    private readonly logger: ServiceLogger,
    private readonly heartbeatIntervalMs: number,
  ) {}

  async handle(call: grpc.ServerDuplexStream<unknown, consilium.v1.ICoordinatorMessage>, caller: Promise<string>): Promise<void> {
    let siteId: string | null = null;
    let closed = false;
    const channel: SiteChannel = {
      sendTask: (order) => call.write({ task: taskToProto(order) }),
      cancelTask: (taskId, reason) => call.write({ cancel: { taskId, reason } }),
      sendOffer: (offer) => call.write({ offer: offerToProto(offer) }),
      sendSecAgg: (taskId, message) => call.write({ secAgg: secAggToProto(taskId, message) }),
      close: (reason, code = 'UNAVAILABLE') => finish(new ConsiliumError(code, reason)),
    };
    const finish = (error?: unknown): void => {
      if (closed) return;
      closed = true;
      if (siteId) {
        this.sessions.detach(siteId, channel);
        this.logger.log(`site ${siteId} disconnected`, { siteId });
        const gone = siteId;
        void this.sites
          .recordDisconnect(gone)
          .catch((error: unknown) => this.logger.warn(`recording that ${gone} disconnected: ${describeError(error)}`, { siteId: gone }));
      }
      if (error) call.emit('error', toStatus(error));
      else call.end();
    };
    try {
      // The certificate is checked and the hello recorded before anything else counts.
      const certified = await caller;
      for await (const message of messagesOf(call, MAX_QUEUED_MESSAGES)) {
        if (closed) break;
        const identified = await this.onMessage(certified, decoded<consilium.v1.SiteMessage>(message), siteId);
        if (!siteId && !closed) {
          siteId = identified;
          call.write({ welcome: { siteId, heartbeatIntervalMs: this.heartbeatIntervalMs } });
          await this.sessions.attach(siteId, channel);
          this.logger.log(`site ${siteId} connected`, { siteId });
        }
      }
      finish();
    } catch (error) {
      finish(error instanceof StreamBroken ? undefined : error);
    }
  }

  /** Returns the site id once a valid hello has been recorded. */
  private async onMessage(certified: string, body: consilium.v1.SiteMessage, siteId: string | null): Promise<string> {
    if (!siteId) {
      const hello = helloFromProto(body.hello);
      if (certified !== hello.siteId) {
        throw new ConsiliumError(
          'PERMISSION_DENIED',
          `hello names site "${hello.siteId}" but the client certificate is site "${certified}"'s; a site speaks only for itself`,
        );
      }
      await this.sites.recordHello(hello);
      return hello.siteId;
    }
    if (body.heartbeat) await this.sites.touch(siteId);
    else if (body.progress) this.sessions.reportProgress(siteId, progressFromProto(body.progress));
    else if (body.consent) await this.sites.recordConsent(siteId, consentFromProto(body.consent));
    else if (body.failure) await this.updates.recordFailure(siteId, body.failure.taskId ?? '', (body.failure.reason ?? '').slice(0, 2000));
    else if (body.evaluation) {
      const result = evaluationFromProto(body.evaluation);
      await this.updates.recordEvaluation(siteId, result.taskId, result.sampleCount, result.metrics, result.localTensors);
    } else if (body.secAgg) {
      const { taskId, message } = secAggFromProto(body.secAgg, siteId);
      await this.updates.recordSecAgg(siteId, taskId, message);
    }
    return siteId;
  }
}
