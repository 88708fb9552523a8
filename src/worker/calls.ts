/**
 * The calls of the core api (api.ts) and how each crosses to the worker: a `doc` call takes the document first,
 * which travels as a delta against the document sent before (doc-transfer.ts); a `plain` call sends its
 * arguments as they are. This table is what the client and the worker know of the api at run time (the client
 * never loads api.ts itself, so the core ships only in the worker's file); TypeScript checks that it lists every
 * call of the api, each under the right kind.
 */
import type { ConfigDocument } from '../core/document/index.ts';
import type { CoreApi } from './api.ts';

type TransferOf<F extends (...args: never[]) => unknown> = [Parameters<F>[0]] extends [ConfigDocument] ? 'doc' : 'plain';

export const CALLS = {
  derive: 'doc',
  check: 'doc',
  setMoveBase: 'doc',
  exportDesign: 'doc',
  checkMove: 'plain',
  ping: 'plain',
  catalogReady: 'plain',
  presetDocument: 'plain',
  importText: 'plain',
  unmodelledOptions: 'doc',
  inspectWindow: 'doc',
  proposeWindowLayout: 'doc',
  guestView: 'doc',
  learnRange: 'doc',
  guidedTour: 'doc',
} as const satisfies { [K in keyof CoreApi]: TransferOf<CoreApi[K]> };

export type CallName = keyof CoreApi;

/** The calls that take the document first. */
export type DocMethod = { [K in CallName]: (typeof CALLS)[K] extends 'doc' ? K : never }[CallName];

export const CALL_NAMES = Object.keys(CALLS) as CallName[];

export const DOC_METHODS = CALL_NAMES.filter((k): k is DocMethod => CALLS[k] === 'doc');

/**
 * The calls whose answers come back as deltas against the previous answer of the same call (result-transfer.ts,
 * through the worker's `answer`): all but `derive` (which has its own), `ping` (the liveness check) and
 * `setMoveBase` (no answer).
 */
export type DeltaCall = Exclude<CallName, 'derive' | 'ping' | 'setMoveBase'>;

export const DELTA_CALLS: ReadonlySet<CallName> = new Set(CALL_NAMES.filter((k): k is DeltaCall => k !== 'derive' && k !== 'ping' && k !== 'setMoveBase'));
