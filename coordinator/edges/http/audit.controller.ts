import { Controller, Get, Header, Query } from '@nestjs/common';
import { z } from 'zod';

import type { AuditRecord } from '../../domain/audit-chain.js';
import { AuditLog, type AuditVerdict } from '../../services/audit-log.js';
import { Roles } from './access.js';
import { Answers } from './openapi.js';
import { ParsedBody } from './parsed-body.pipe.js';
import { auditKeyResponse, auditListResponse, auditVerdictResponse } from './responses.js';

const querySchema = z.strictObject({
  run: z.string().max(64).optional(),
  site: z.string().max(128).optional(),
  action: z.string().max(64).optional(),
  from: z.string().datetime({ message: 'from must be an ISO 8601 time, e.g. 2026-11-24T00:00:00Z' }).optional(),
  to: z.string().datetime({ message: 'to must be an ISO 8601 time, e.g. 2026-11-24T23:59:59Z' }).optional(),
  after: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** For auditors: the audit chain, paged and filtered; its verification; the key its checkpoints are signed with. */
@Controller('api/audit')
@Roles('auditor')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  /** Events in sequence order; page with `after` = the last seq seen. */
  @Get()
  @Answers(auditListResponse, 'audit events in sequence order, filtered; page with after = the last seq seen')
  async list(@Query(new ParsedBody(querySchema, 'audit query')) q: z.infer<typeof querySchema>): Promise<{ events: AuditRecord[]; next: number | null }> {
    const events = await this.audit.events({ runId: q.run, siteId: q.site, action: q.action, from: q.from, to: q.to, afterSeq: q.after, limit: q.limit });
    return { events, next: events.length === q.limit ? events.at(-1)!.seq : null };
  }

  @Get('verify')
  @Answers(auditVerdictResponse, 'recomputes the chain and checks its signed checkpoints')
  verify(): Promise<AuditVerdict> {
    return this.audit.verify();
  }

  @Get('key')
  @Answers(auditKeyResponse, 'the Ed25519 key checkpoints and receipts are signed with')
  key(): ReturnType<AuditLog['publicKey']> {
    return this.audit.publicKey();
  }

  /** The same key as a PEM file, what `consilium audit verify --key` and OpenSSL read. */
  @Get('key.pem')
  @Header('content-type', 'application/x-pem-file')
  @Answers('application/x-pem-file', 'the same key as a PEM file')
  keyPem(): string {
    return this.audit.publicKey().publicKeyPem;
  }
}
