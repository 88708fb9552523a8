/** The machine: type, RAM, slots, maxmem, CPU model, vendor, phys-bits and CPU count. */
import { knownCpuModels } from '../../core/machine/index.ts';
import { listMachineTypes } from '../../core/machine/index.ts';
import { formatSize } from '../../core/base/index.ts';
import { machineFields, setMachineField, type MachineField } from '../../state/doc-edits.ts';
import { useDesigner } from '../../state/store.ts';
import { Field, SelectField } from '../forms/Field.tsx';
import { checkCpuModel, checkInteger, checkMachineType, checkSize } from '../forms/validate.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { useGuardedEdit } from '../forms/useGuardedEdit.ts';
import { hexAddr } from '../hex.ts';

// the suggestion lists never change: made once, so that a render of the form (after every edit) skips them
const MACHINE_TYPE_LIST = (
  <datalist id="machine-types">
    {listMachineTypes().map((t) => (
      <option key={t} value={t} />
    ))}
  </datalist>
);
const CPU_MODEL_LIST = (
  <datalist id="cpu-models">
    {knownCpuModels().map((t) => (
      <option key={t} value={t} />
    ))}
  </datalist>
);

export function MachineForm() {
  const doc = useDesigner((s) => s.doc);
  const { layout } = useDerivedView();
  const guarded = useGuardedEdit();
  const f = machineFields(doc);
  // checked first, like every edit made with the designer's controls (forms/edit-guard.ts): a value QEMU would
  // refuse stays in the field with the reason under it, until fixed, Esc, or Apply anyway
  const apply = (field: MachineField) => (value: string | undefined) => guarded((d) => setMachineField(d, field, value), { optionIndex: null });
  const ram = layout?.ram;
  return (
    <section className="panel contained machine-form" aria-label="Machine">
      <h2>Machine</h2>
      {MACHINE_TYPE_LIST}
      {CPU_MODEL_LIST}
      <div className="form-grid">
        <Field
          label="Machine type"
          value={f.type}
          list="machine-types"
          check={(t) => checkMachineType('Machine type', t)}
          onApply={apply('type')}
          testId="machine-type"
          resultHint
          hint={layout ? layout.machine.canonicalType : undefined}
        />
        <Field
          label="RAM (-m)"
          value={f.size}
          check={(t) => checkSize('RAM (-m)', t, { allowEmpty: true, defaultSuffix: 'M' })}
          onApply={apply('size')}
          placeholder="128M"
          testId="machine-ram"
          resultHint
          hint={ram ? `${formatSize(ram.below4g)} below 4G, ${formatSize(ram.above4g)} above` : undefined}
        />
        <Field
          label="slots"
          value={f.slots}
          check={(t) => checkInteger('slots', t, { allowEmpty: true })}
          onApply={apply('slots')}
          placeholder="0"
          testId="machine-slots"
        />
        <Field
          label="maxmem"
          value={f.maxmem}
          check={(t) => checkSize('maxmem', t, { allowEmpty: true })}
          onApply={apply('maxmem')}
          placeholder="= RAM"
          testId="machine-maxmem"
          resultHint
          hint={layout?.window ? `window ${hexAddr(layout.window.base)} +${formatSize(layout.window.size)}` : 'no hotplug window'}
        />
        <Field
          label="CPU model"
          value={f.cpuModel}
          list="cpu-models"
          check={(t) => checkCpuModel('CPU model', t)}
          onApply={apply('cpuModel')}
          placeholder="qemu64"
          testId="machine-cpu"
        />
        <SelectField
          label="CPU vendor"
          value={f.vendor}
          options={[
            { value: '', label: `model default${layout ? ` (${layout.cpu.vendor})` : ''}` },
            { value: 'AuthenticAMD', label: 'AuthenticAMD' },
            { value: 'GenuineIntel', label: 'GenuineIntel' },
          ]}
          onChange={(v) => apply('vendor')(v === '' ? undefined : v)}
          testId="machine-vendor"
        />
        <Field
          label="phys-bits"
          value={f.physBits}
          check={(t) => checkInteger('phys-bits', t, { allowEmpty: true })}
          onApply={apply('physBits')}
          placeholder={layout ? String(layout.cpu.physBits) : '40'}
          testId="machine-physbits"
          resultHint
        />
        <Field
          label="CPUs (-smp)"
          value={f.cpus}
          check={(t) => checkInteger('CPUs (-smp)', t, { allowEmpty: true, min: 1 })}
          onApply={apply('cpus')}
          placeholder={layout ? String(layout.topology.cpus) : '1'}
          testId="machine-cpus"
          resultHint
        />
      </div>
    </section>
  );
}
