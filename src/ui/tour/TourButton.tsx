/** The app bar's Tour button: starts the guided tour (Tour.tsx), or closes it while it is open. */
import { useTour } from './tour-store.ts';

export function TourButton() {
  const open = useTour((s) => s.open);
  return (
    <button
      type="button"
      data-testid="tour-start"
      title="A short guided tour of sp-mem, the SRAT, the hotplug window and what the guest sees"
      aria-pressed={open}
      onClick={() => (open ? useTour.getState().close() : useTour.getState().start())}
    >
      ? Tour
    </button>
  );
}
