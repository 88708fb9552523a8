/** What the map says instead of, or over, the drawing: no map yet (or a refusal), a stale map, how to use it. */

/** In place of the map: QEMU refuses the configuration, or the map is being computed. */
export function MapEmpty({ refused }: { refused: boolean }) {
  return (
    <div className="map-empty" role="status">
      {refused ? 'QEMU refuses this configuration; fix the error below to see its memory map.' : 'Computing the memory map…'}
    </div>
  );
}

/** Over the map while it shows the last configuration QEMU accepted. */
export function StaleBanner() {
  return (
    <div className="stale-banner" role="status">
      QEMU refuses the current configuration; the map shows the last configuration it accepted.
    </div>
  );
}

/** Under the map: the gestures and keys. */
export function MapHint() {
  return (
    <p className="map-hint" id="map-keys">
      Scroll or press + / − to zoom, 0 to fit, drag the background or the overview to pan, double-click a block or
      region to zoom to it. Drag a block along the axis to set <code>addr=</code> (it snaps to a step that follows the
      zoom, 1 GiB at the overview, and to neighbouring edges), onto another lane to set <code>node=</code>; hold Shift
      to keep to one direction; Esc cancels. Focused block: ←/→ one alignment step (Shift: 1 GiB), ↑/↓ change node,
      Delete removes it, Enter opens it in the inspector; Ctrl+arrows (or Alt+arrows) go to the next block that way,
      Home/End to the first or last of its lane. Tab enters the map at the selected block.
    </p>
  );
}
