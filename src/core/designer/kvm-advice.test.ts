import { describe, expect, it } from 'vitest';
import { parseQemuArgs } from '../syntax/index.ts';
import { computeMachine } from '../machine/index.ts';
import { designerDiagnostics } from './advice.ts';

function notes(cmd: string, host?: { vendor: 'GenuineIntel' | 'AuthenticAMD'; physBits: number }): string[] {
  const p = parseQemuArgs(cmd.split(' '));
  if (!p.ok) throw new Error(p.error.message);
  const doc = host ? { ...p.doc, host } : p.doc;
  return designerDiagnostics(doc, computeMachine(doc).layout!).map((d) => d.message).filter((m) => m.includes('KVM'));
}

describe('the KVM note', () => {
  it('names the host CPU the tables assume, for each way of asking for KVM', () => {
    for (const cmd of ['-accel kvm -m 1G', '-enable-kvm -m 1G', '-machine q35,accel=kvm:tcg -m 1G']) {
      const n = notes(cmd);
      expect(n).toHaveLength(1);
      expect(n[0]).toMatch(/^Under KVM the tables shown assume the host CPU GenuineIntel with 46 physical address bits \(the default/);
    }
    expect(notes('-accel kvm -m 1G', { vendor: 'AuthenticAMD', physBits: 48 })[0]).toMatch(/host CPU AuthenticAMD with 48 physical address bits:/);
    expect(notes('-m 1G')).toEqual([]);
    expect(notes('-machine q35,accel=tcg -m 1G')).toEqual([]);
  });
});
