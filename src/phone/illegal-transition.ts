/**
 * Thrown by both guarded state machines (call-state.ts, transfer-state.ts) on a move their table
 * does not allow: a logic error in the engine, so it is loud and says which machine and move.
 */
export class IllegalTransitionError extends Error {
  constructor(
    readonly machine: 'call' | 'transfer',
    readonly from: string,
    readonly to: string,
  ) {
    super(`illegal ${machine} transition ${from} -> ${to}`);
    this.name = 'IllegalTransitionError';
  }
}
