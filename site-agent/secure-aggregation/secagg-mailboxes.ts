import type { Cancel, Clock } from '../../common/clock.js';
import { ConsiliumError } from '../../common/errors.js';
import type { SecAggDownMessage } from '../../common/secure-aggregation/secagg-wire.js';

type Kind = SecAggDownMessage['kind'];
type Of<K extends Kind> = Extract<SecAggDownMessage, { kind: K }>;

/** One task's messages from the coordinator, taken in phase order by the task that waits for them. */
export class SecAggMailbox {
  private readonly queue: SecAggDownMessage[] = [];
  private waiter: { kind: Kind; resolve: (m: SecAggDownMessage) => void; reject: (e: Error) => void; cancel: Cancel } | null = null;

  constructor(private readonly clock: Clock) {}

  put(message: SecAggDownMessage): void {
    if (this.waiter?.kind === message.kind) {
      const { resolve, cancel } = this.waiter;
      this.waiter = null;
      cancel();
      resolve(message);
    } else this.queue.push(message);
  }

  /** The next message of this kind, or an error naming the phase when none comes within `timeoutMs`. */
  next<K extends Kind>(kind: K, timeoutMs: number): Promise<Of<K>> {
    const at = this.queue.findIndex((m) => m.kind === kind);
    if (at >= 0) return Promise.resolve(this.queue.splice(at, 1)[0] as Of<K>);
    return new Promise<Of<K>>((resolve, reject) => {
      const cancel = this.clock.after(
        timeoutMs,
        () => {
          this.waiter = null;
          reject(new ConsiliumError('DEADLINE_EXCEEDED', `secure aggregation: no ${kind} from the coordinator within ${Math.round(timeoutMs / 1000)} s`));
        },
        true,
      );
      this.waiter = { kind, resolve: resolve as (m: SecAggDownMessage) => void, reject, cancel };
    });
  }

  close(): void {
    this.waiter?.cancel();
    this.waiter?.reject(new ConsiliumError('UNAVAILABLE', 'secure aggregation: the task ended'));
    this.waiter = null;
  }
}

/** The mailboxes of the tasks running here: the stream delivers, each task takes its own. */
export class SecAggMailboxes {
  private readonly boxes = new Map<string, SecAggMailbox>();

  constructor(private readonly clock: Clock) {}

  open(taskId: string): SecAggMailbox {
    const box = new SecAggMailbox(this.clock);
    this.boxes.set(taskId, box);
    return box;
  }

  /** False when no task here waits on this one (it ended, or never ran). */
  deliver(taskId: string, message: SecAggDownMessage): boolean {
    const box = this.boxes.get(taskId);
    box?.put(message);
    return box !== undefined;
  }

  close(taskId: string): void {
    this.boxes.get(taskId)?.close();
    this.boxes.delete(taskId);
  }

  /** The agent stops: every exchange ends (the rounds go on without this site). */
  closeAll(): void {
    for (const taskId of [...this.boxes.keys()]) this.close(taskId);
  }
}
