/** The time, behind an interface so tests and the round engine agree on "now". */
export class Clock {
  now(): Date {
    return new Date();
  }

  iso(): string {
    return this.now().toISOString();
  }
}
