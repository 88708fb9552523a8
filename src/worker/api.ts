/**
 * The core as the worker offers it: plain functions over plain data (bigint and typed arrays cross postMessage by
 * structured clone). Errors travel as data: `computeMachine` never throws on bad input, and a thrown value would
 * lose everything but its message on the way through Comlink.
 */
import { computeMachine, type ComputeOptions } from '../core/compute.ts';
import { formatQemuArgs } from '../core/cmdline-format.ts';
import { formatQemuError, type CoreError } from '../core/diagnostics.ts';
import type { ConfigDocument } from '../core/document.ts';
import type { MachineResult } from '../core/results.ts';
import { guestApi } from './guest-api.ts';

export interface Derived {
  result: MachineResult;
  /** the document as QEMU arguments */
  args: string[];
}

/** Where a memory device lands in a candidate configuration. */
export interface CandidatePlacement {
  optionIndex: number;
  addr: bigint;
  size: bigint;
  node: number;
}

/** The verdict on a candidate document: QEMU's error, or where every memory device lands. */
export interface CheckResult {
  error: CoreError | null;
  /** QEMU's stderr line for the error (without the program name) */
  message: string | null;
  placements: CandidatePlacement[];
}

export const api = {
  /** Everything the designer shows for a document. */
  derive(doc: ConfigDocument, opts: ComputeOptions = {}): Derived {
    return { result: computeMachine(doc, opts), args: formatQemuArgs(doc) };
  },
  /** Whether QEMU would accept a candidate document (used while dragging): small answer, no tables. */
  check(doc: ConfigDocument, opts: ComputeOptions = {}): CheckResult {
    const r = computeMachine(doc, opts);
    return {
      error: r.error,
      message: r.error ? formatQemuError(r.error) : null,
      placements: r.layout
        ? r.layout.devices.map((d) => ({ optionIndex: d.optionIndex, addr: d.addr, size: d.size, node: d.node }))
        : [],
    };
  },
  ping(): 'pong' {
    return 'pong';
  },
  /** hotplug window, guest view, SPM/RESERVED/RAM teaching, tour (guest-api.ts) */
  ...guestApi,
};

export type CoreApi = typeof api;
