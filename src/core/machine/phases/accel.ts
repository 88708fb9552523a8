/**
 * The accelerator (softmmu/vl.c `configure_accelerators`): `-accel NAME` (the first one given that works),
 * `-machine accel=A[:B…]` (the first of the list), `-enable-kvm` (= `-machine accel=kvm`); none: TCG. The designer
 * takes KVM as available wherever it is asked for first (what the design's host CPU setting describes: src/cli
 * reads it from the machine it runs on, the browser assumes DEFAULT_HOST_CPU).
 */
import type { DocOption, MachineOption } from '../../document/index.ts';
import { extraValue } from './context.ts';

export type Accel = 'tcg' | 'kvm';

/** The accelerator the options ask for first; anything but KVM counts as TCG (the only other one on x86 Linux). */
export function accelOf(options: readonly DocOption[], machine: MachineOption | undefined): Accel {
  let fromAccel: string | null = null;
  let enableKvm = false;
  for (const o of options) {
    if (o.kind !== 'raw') continue;
    const [flag = '', value = ''] = o.args;
    if (flag === '-enable-kvm') enableKvm = true;
    else if ((flag === '-accel' || flag === '--accel') && fromAccel === null) {
      // `-accel kvm,…` or `-accel accel=kvm,…`
      fromAccel = value.split(',')[0]!.replace(/^accel=/, '');
    }
  }
  if (fromAccel !== null) return fromAccel === 'kvm' ? 'kvm' : 'tcg';
  const list = extraValue(machine?.extra, 'accel');
  if (typeof list === 'string') return list.split(':')[0] === 'kvm' ? 'kvm' : 'tcg';
  return enableKvm ? 'kvm' : 'tcg';
}
