import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import { computeMachine } from '../machine/index.ts';
import { designerDiagnostics } from './advice.ts';

const CAPTURE = new URL('../testdata/guest/ovmf-linux7.2-hmat-gi/', import.meta.url);

describe('the node-numbering note', () => {
  it('numbers a generic initiator before a memory-only node, as a real Linux 7.2 guest did', () => {
    // the guest printed "ACPI: SRAT: Node 2 PXM 1 [mem …]" and "Node 1 PXM 2 … hotplug": PXM 2 (the generic
    // initiator's node) became node 1, PXM 1 (the HBM, memory only) node 2
    const guest = readFileSync(new URL('guest.txt', CAPTURE), 'utf8');
    expect(guest).toContain('ACPI: SRAT: Node 2 PXM 1 [mem 0x100000000-0x11fffffff]');
    const p = parseQemuArgs(readFileSync(new URL('cmdline.txt', CAPTURE), 'utf8').trim().split(/\s+/));
    if (!p.ok) throw new Error(p.error.message);
    const notes = designerDiagnostics(p.doc, computeMachine(p.doc).layout!).filter((d) => d.kind === 'numa/guest-renumbered');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toContain('QEMU node 1 → Linux node 2');
    expect(notes[0]!.message).toContain('QEMU node 2 → Linux node 1');
  });
});
