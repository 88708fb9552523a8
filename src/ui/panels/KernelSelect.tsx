/** The guest-kernel choice shared by the guest view and the teaching panel: before or after Linux 6.3's kmem default, or 7.x. */
import type { GuestKernel } from '../../core/guest/index.ts';

export function KernelSelect({ testId, value, onChange }: { testId: string; value: GuestKernel; onChange: (k: GuestKernel) => void }) {
  return (
    <label className="inline-field">
      <span>Guest kernel</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as GuestKernel)}>
        <option value="7.x">Linux 7.x · kmem, new e820 dump</option>
        <option value="6.3+">Linux 6.3 – 6.x · kmem</option>
        <option value="pre-6.3">Linux &lt; 6.3 · device-dax</option>
      </select>
    </label>
  );
}
