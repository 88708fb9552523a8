/** Colour key of the map: one colour per memory type, the same in the map, the tooltip and the tables. */
const ITEMS: Array<[kind: string, label: string]> = [
  ['ram', 'RAM'],
  ['reserved', 'Reserved / hole'],
  ['sp-mem', 'sp-mem (SPM)'],
  ['pc-dimm', 'pc-dimm'],
  ['nvdimm', 'nvdimm'],
  ['virtio-mem-pci', 'virtio-mem'],
  ['virtio-pmem-pci', 'virtio-pmem'],
  ['free', 'Free window'],
];

export function Legend() {
  return (
    <ul className="legend" aria-label="Colour key">
      {ITEMS.map(([kind, label]) => (
        <li key={kind}>
          <span className={`swatch swatch-${kind}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
