/**
 * The designer's reading of a document: QEMU's verdict (machine/) with the designer's own advice after QEMU's
 * diagnostics. The model never sees the advice; the advice reads the model's layout.
 */
import type { ConfigDocument } from '../document/index.ts';
import { computeMachine, type ComputeOptions } from '../machine/index.ts';
import type { MachineResult } from '../machine/index.ts';
import { designerDiagnostics } from './advice.ts';

export function computeDesign(doc: ConfigDocument, opts: ComputeOptions = {}): MachineResult {
  const r = computeMachine(doc, opts);
  if (!r.layout) return r;
  return { ...r, diagnostics: [...r.diagnostics, ...designerDiagnostics(doc, r.layout)] };
}
