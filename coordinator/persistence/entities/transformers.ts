import type { ValueTransformer } from 'typeorm';

/** PostgreSQL returns bigint as a string; byte counts and times fit a double. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
