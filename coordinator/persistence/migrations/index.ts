import { InitialSchema1764000000000 } from './0001-initial-schema.migration.js';
import { Strategies1764100000000 } from './0002-strategies.migration.js';
import { DataProfiles1764200000000 } from './0003-data-profiles.migration.js';
import { AuditEvents1764300000000 } from './0004-audit-events.migration.js';
import { Security1764400000000 } from './0005-security.migration.js';
import { FaultTolerance1764500000000 } from './0006-fault-tolerance.migration.js';
import { HealthProbe1764600000000 } from './0007-health-probe.migration.js';
import { FeatureScaling1764700000000 } from './0008-feature-scaling.migration.js';
import { UpdateClipFactor1764800000000 } from './0009-update-clip-factor.migration.js';
import { InitialModels1764900000000 } from './0010-initial-models.migration.js';
import { ClassWeights1765000000000 } from './0011-class-weights.migration.js';
import { ModelSelection1765100000000 } from './0012-model-selection.migration.js';
import { PersonalisedModels1765200000000 } from './0013-personalised-models.migration.js';
import { CoordinatorCluster1765300000000 } from './0014-coordinator-cluster.migration.js';

/** Every migration, oldest first; the data source runs the pending ones at boot. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Strategies1764100000000,
  DataProfiles1764200000000,
  AuditEvents1764300000000,
  Security1764400000000,
  FaultTolerance1764500000000,
  HealthProbe1764600000000,
  FeatureScaling1764700000000,
  UpdateClipFactor1764800000000,
  InitialModels1764900000000,
  ClassWeights1765000000000,
  ModelSelection1765100000000,
  PersonalisedModels1765200000000,
  CoordinatorCluster1765300000000,
];
