import type { Repositories } from '../../persistence/repositories/index.js';
import type { Cluster, ClusterMessage } from './cluster.js';

/**
 * One coordinator process on its own (the default): every lease is its own,
 * and a message is handed to the subscribers at once, so nothing touches
 * the database and the single-process behaviour is what it always was.
 */
export class SoloCluster implements Cluster {
  readonly nodeId = 'solo';
  readonly shared = false;
  readonly leaseMs = 0;
  private readonly held = new Set<string>();
  private readonly handlers: ((message: ClusterMessage) => void)[] = [];

  acquire(name: string): Promise<boolean> {
    this.held.add(name);
    return Promise.resolve(true);
  }

  release(name: string): Promise<void> {
    this.held.delete(name);
    return Promise.resolve();
  }

  holds(_tx: Repositories, name: string): Promise<boolean> {
    return Promise.resolve(this.held.has(name));
  }

  live(prefix: string): Promise<string[]> {
    return Promise.resolve(
      [...this.held]
        .filter((n) => n.startsWith(prefix))
        .map((n) => n.slice(prefix.length))
        .sort(),
    );
  }

  publish(message: ClusterMessage): Promise<void> {
    for (const handler of this.handlers) handler(message);
    return Promise.resolve();
  }

  subscribe(handler: (message: ClusterMessage) => void): void {
    this.handlers.push(handler);
  }

  onLost(): void {
    // A lone process never loses a lease.
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.held.clear();
    return Promise.resolve();
  }
}
