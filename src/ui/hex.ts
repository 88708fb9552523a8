/** Lowercase `0x…` hex, as QEMU prints addresses (its own module: the page's first chunk needs it, the axis code not). */
export function hexAddr(v: bigint): string {
  return '0x' + v.toString(16);
}
