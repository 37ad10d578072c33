import type { Writable } from 'node:stream';

/**
 * ws exports its frame parser (`require('ws').Receiver`, ws/index.js) but @types/ws does not declare
 * it; the frame encoder's spec decodes with it, as a client would.
 */
declare module 'ws' {
  interface ReceiverOptions {
    isServer?: boolean;
    maxPayload?: number;
    skipUTF8Validation?: boolean;
  }

  class Receiver extends Writable {
    constructor(options?: ReceiverOptions);
  }
}
