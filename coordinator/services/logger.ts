/** The little the services need of a logger; Nest's Logger fits it, so do tests' spies. */
export interface ServiceLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
