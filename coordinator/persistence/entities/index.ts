import 'reflect-metadata';

import { ApiTokenEntity } from './api-token.entity.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { ClusterMessageEntity } from './cluster-message.entity.js';
import { DataProfileEntity } from './data-profile.entity.js';
import { EnrolmentTokenEntity } from './enrolment-token.entity.js';
import { InitialModelEntity } from './initial-model.entity.js';
import { LeaseEntity } from './lease.entity.js';
import { ModelVersionEntity } from './model-version.entity.js';
import { RoundEntity } from './round.entity.js';
import { RunEntity } from './run.entity.js';
import { RunConsentEntity } from './run-consent.entity.js';
import { SiteEntity } from './site.entity.js';
import { SiteCertificateEntity } from './site-certificate.entity.js';
import { TaskEntity } from './task.entity.js';
import { UpdateEntity } from './update.entity.js';

export { ApiTokenEntity, ClusterMessageEntity, EnrolmentTokenEntity, InitialModelEntity, LeaseEntity, RunConsentEntity, SiteCertificateEntity };
export { AuditEventEntity, DataProfileEntity, ModelVersionEntity, RoundEntity, RunEntity, SiteEntity, TaskEntity, UpdateEntity };
export type { RoundKind, RoundStatus } from './round.entity.js';
export type { RunStatus } from './run.entity.js';
export type { TaskStatus } from './task.entity.js';
export type { UpdateStatus } from './update.entity.js';
export const ENTITIES = [
  SiteEntity,
  RunEntity,
  RoundEntity,
  TaskEntity,
  UpdateEntity,
  ModelVersionEntity,
  DataProfileEntity,
  AuditEventEntity,
  SiteCertificateEntity,
  EnrolmentTokenEntity,
  ApiTokenEntity,
  RunConsentEntity,
  InitialModelEntity,
  LeaseEntity,
  ClusterMessageEntity,
];
export { type Role, ROLES } from './api-token.entity.js';
