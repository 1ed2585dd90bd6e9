import type { EntityManager, Repository } from 'typeorm';

import { type AuditEventInput, type AuditRecord, GENESIS_HASH, seal } from '../../domain/audit-chain.js';
import { AuditEventEntity } from '../entities/audit-event.entity.js';
import type { Transactions } from '../transactions.js';

/** Any number: it names the one PostgreSQL advisory lock that orders appends to the chain. */
const CHAIN_LOCK = 7_260_311;

export interface AuditQuery {
  runId?: string;
  siteId?: string;
  action?: string;
  from?: string;
  to?: string;
  afterSeq?: number;
  limit: number;
}

export class AuditRepository {
  private readonly repo: Repository<AuditEventEntity>;

  constructor(
    store: EntityManager,
    private readonly transactions: Transactions,
  ) {
    this.repo = store.getRepository(AuditEventEntity);
  }

  /**
   * Seals and appends one event after the current head, in the caller's
   * transaction when there is one (so the event commits with the change it
   * records, or not at all). On PostgreSQL an advisory lock held to commit
   * orders concurrent appends; SQLite's transactions are already queued.
   */
  append(event: AuditEventInput, at: string): Promise<AuditRecord> {
    return this.transactions.run(async (manager) => {
      if (manager.connection.options.type === 'postgres') await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const head = await manager.getRepository(AuditEventEntity).find({ order: { seq: 'DESC' }, take: 1 });
      const record = seal(event, (head[0]?.seq ?? 0) + 1, at, head[0]?.hash ?? GENESIS_HASH);
      await manager.insert(AuditEventEntity, record as never);
      return record;
    });
  }

  async head(): Promise<AuditRecord | null> {
    return ((await this.repo.find({ order: { seq: 'DESC' }, take: 1 }))[0] as AuditRecord | undefined) ?? null;
  }

  /** A page of events in sequence order, filtered; subjects are matched in the JSON text. */
  async query(q: AuditQuery): Promise<AuditRecord[]> {
    const builder = this.repo.createQueryBuilder('e').orderBy('e.seq', 'ASC').take(q.limit);
    if (q.afterSeq !== undefined) builder.andWhere('e.seq > :afterSeq', { afterSeq: q.afterSeq });
    if (q.action) builder.andWhere('e.action = :action', { action: q.action });
    if (q.from) builder.andWhere('e.at >= :from', { from: q.from });
    if (q.to) builder.andWhere('e.at <= :to', { to: q.to });
    if (q.runId) builder.andWhere('e.subjects LIKE :run', { run: `%"runId":${JSON.stringify(q.runId)}%` });
    if (q.siteId)
      builder.andWhere('(e.subjects LIKE :site OR e.actor = :actor)', { site: `%"siteId":${JSON.stringify(q.siteId)}%`, actor: `site:${q.siteId}` });
    return (await builder.getMany()) as AuditRecord[];
  }

  /** Every event in order, read page by page. */
  async *all(pageSize = 1000): AsyncGenerator<AuditRecord> {
    let after = 0;
    for (;;) {
      const page = (await this.repo
        .createQueryBuilder('e')
        .where('e.seq > :after', { after })
        .orderBy('e.seq', 'ASC')
        .take(pageSize)
        .getMany()) as AuditRecord[];
      yield* page;
      if (page.length < pageSize) return;
      after = page.at(-1)!.seq;
    }
  }
}
