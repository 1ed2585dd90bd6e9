import type { DataSource } from 'typeorm';
import { DataProfileRepository } from './data-profile.repository.js';
import { ModelVersionRepository } from './model-version.repository.js';
import { RoundRepository } from './round.repository.js';
import { RunRepository } from './run.repository.js';
import { SiteRepository } from './site.repository.js';
import { TaskRepository } from './task.repository.js';
import { UpdateRepository } from './update.repository.js';

export { DataProfileRepository, ModelVersionRepository, RoundRepository, RunRepository, SiteRepository, TaskRepository, UpdateRepository };

/** All repositories over one data source. */
export class Repositories {
  readonly sites: SiteRepository;
  readonly runs: RunRepository;
  readonly rounds: RoundRepository;
  readonly tasks: TaskRepository;
  readonly updates: UpdateRepository;
  readonly models: ModelVersionRepository;
  readonly profiles: DataProfileRepository;

  constructor(readonly dataSource: DataSource) {
    this.sites = new SiteRepository(dataSource);
    this.runs = new RunRepository(dataSource);
    this.rounds = new RoundRepository(dataSource);
    this.tasks = new TaskRepository(dataSource);
    this.updates = new UpdateRepository(dataSource);
    this.models = new ModelVersionRepository(dataSource);
    this.profiles = new DataProfileRepository(dataSource);
  }
}
