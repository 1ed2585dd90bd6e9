import { Clock } from '../../common/clock.js';
import { describeError } from '../../common/errors.js';
import { loadIdentity, renewalDue, renewIdentity, type SiteIdentity } from '../identity/site-identity.js';
import type { AgentLogger } from '../task/task-deps.js';
import { CoordinatorClient } from '../transport/coordinator-client.js';

/**
 * The site's certificate and the client that presents it. A certificate
 * with less than 20 % of its lifetime left is renewed (a new key, made
 * here), and the client is replaced so the next call uses it.
 */
export class SiteConnection {
  private identity: SiteIdentity;
  private current: CoordinatorClient;

  constructor(
    private readonly settings: { coordinator: string; stateDir: string; siteId: string },
    private readonly logger: AgentLogger,
    private readonly clock = new Clock(),
  ) {
    this.identity = loadIdentity(settings.stateDir, settings.siteId);
    this.current = new CoordinatorClient(settings.coordinator, this.identity, clock);
  }

  get client(): CoordinatorClient {
    return this.current;
  }

  async renewIfDue(now = this.clock.now()): Promise<boolean> {
    if (!renewalDue(this.identity.info, now)) return false;
    const { stateDir, siteId, coordinator } = this.settings;
    this.identity = await renewIdentity(stateDir, siteId, this.identity, (csr) => this.current.renewCertificate(csr));
    this.current.close();
    this.current = new CoordinatorClient(coordinator, this.identity, this.clock);
    this.logger.info(`certificate renewed: serial ${this.identity.info.serial}, valid until ${this.identity.info.notAfter}`);
    return true;
  }

  /** renewIfDue for the loops that run on their own: a failure is logged, and the next look tries again. */
  tryRenewal(): Promise<boolean> {
    return this.renewIfDue().catch((error: unknown) => {
      this.logger.warn(`certificate renewal failed, will retry: ${describeError(error)}`);
      return false;
    });
  }

  close(): void {
    this.current.close();
  }
}
