import type { Observable } from 'rxjs';
import type { CommittedChange } from './committed-change';

/**
 * Carries committed changes from the process that wrote them to every process that serves sockets.
 * The in-process bus is the embedded default; a Redis bus plugs in behind the same abstract class.
 */
export abstract class ChangeBus {
  abstract readonly name: string;
  /** False while the bus cannot reach other instances (they then learn of changes by polling). */
  abstract readonly connected: boolean;
  /** `connected` now and at every change of it. */
  abstract readonly connected$: Observable<boolean>;
  abstract readonly changes$: Observable<CommittedChange>;
  abstract publish(changes: readonly CommittedChange[]): void;
}
