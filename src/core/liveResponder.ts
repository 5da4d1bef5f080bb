/**
 * A Responder whose knowledge can be swapped while the bot runs: adapters hold this one object;
 * a valid knowledge edit builds a new index off to the side and replaces the old one at once.
 */
import type { Knowledge } from '../knowledge/schema.js';
import type { AskOptions, AskRequest, Responder } from './answer.js';
import { createResponder, type ResponderOptions } from './responder.js';

export interface LiveResponder extends Responder {
  swap(kb: Knowledge): void;
  knowledge(): Knowledge;
}

export function createLiveResponder(kb: Knowledge, options: ResponderOptions = {}): LiveResponder {
  let current = { kb, responder: createResponder(kb, options) };
  return {
    ask: (q: string | AskRequest, o?: AskOptions) => current.responder.ask(q, o),
    complete: (p: string, limit?: number) => current.responder.complete(p, limit),
    swap(next: Knowledge) {
      current = { kb: next, responder: createResponder(next, options) };
    },
    knowledge: () => current.kb,
  };
}
