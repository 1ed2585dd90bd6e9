import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

import type { Transactions } from '../transactions.js';
import { EntityRepository } from './entity-repository.js';

/** Every field of a record, listed once: the compiler notices a field added to the record and not mapped. */
export type Fields<R> = Record<keyof R, true>;

/**
 * A repository whose callers see plain domain records: entities loaded by
 * TypeORM are copied field by field into records on the way out, and
 * records into new entities on the way in, so no ORM instance (or its
 * lazy state) leaves persistence/.
 */
export abstract class RecordRepository<E extends ObjectLiteral, R extends object> extends EntityRepository<E> {
  constructor(
    store: EntityManager,
    private readonly Entity: new () => E,
    private readonly fields: Fields<R>,
    transactions: Transactions,
  ) {
    super(store, Entity as EntityTarget<E>, transactions);
  }

  protected record(entity: E): R;
  protected record(entity: E | null): R | null;
  protected record(entity: E | null): R | null {
    if (!entity) return null;
    const record = {} as Record<keyof R, unknown>;
    for (const key of Object.keys(this.fields) as (keyof R)[]) record[key] = (entity as unknown as Record<keyof R, unknown>)[key];
    return record as R;
  }

  protected records(entities: E[]): R[] {
    return entities.map((e) => this.record(e));
  }

  protected toEntity(record: R): E {
    const entity = new this.Entity();
    for (const key of Object.keys(this.fields) as (keyof R)[]) (entity as unknown as Record<keyof R, unknown>)[key] = record[key];
    return entity;
  }
}
