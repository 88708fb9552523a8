/**
 * `-machine confidential-guest-support=ID` without KVM: the object is never made ready (only KVM's init does
 * that), and system/vl.c `qemu_machine_creation_done` refuses the machine once every -device is plugged
 * (QEMU 11.1.3: "accelerator does not support confidential guest sev-guest"). QEMU 7.2 aborts on an assertion
 * there instead, which the designer says in its own words.
 */
import { QEMU_MESSAGES as M } from '../../base/index.ts';
import type { MachineOption } from '../../document/index.ts';
import { optionKeys, rawOptionName } from './names.ts';
import { extraValue, reject, type Ctx, type Indexed } from './context.ts';
import type { Accel } from './accel.ts';

const CGS_TYPES: ReadonlySet<string> = new Set(['sev-guest', 'sev-snp-guest', 'tdx-guest']);

export function checkConfidentialGuest(ctx: Ctx, machine: Indexed<MachineOption> | undefined, accel: Accel): void {
  const id = extraValue(machine?.option.extra, 'confidential-guest-support');
  if (accel === 'kvm' || typeof id !== 'string') return;
  let type: string | null = null;
  for (const o of ctx.doc.options) {
    if (o.kind !== 'raw' || rawOptionName(o) !== 'object' || o.args[1] === undefined) continue;
    const k = optionKeys(o.args[1], 'qom-type');
    if (k?.values.get('id') === id) type = k.values.get('qom-type') ?? null;
  }
  // other types (or none) are refused when the link is set, which the designer does not check
  if (type === null || !CGS_TYPES.has(type)) return;
  if (type === 'sev-guest' && ctx.release.confidentialGuestWithoutKvm === 'refused') reject(ctx, 'machine/property', M.cgsNeedsAccel(type), null);
  reject(
    ctx,
    'cmdline/unsupported',
    `a confidential guest (${type}) without KVM is not modelled by the designer: QEMU ${ctx.version} does not start it`,
    machine!.index,
    'confidential-guest-support',
  );
}
