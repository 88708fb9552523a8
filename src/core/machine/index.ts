/** src/core/machine: the folder's public surface. */
export * from './compute.ts';
export * from './cpu-models.ts';
export * from './cpu-topology.ts';
export * from './hotplug-window.ts';
export * from './machine-types.ts';
export * from './memory-devices.ts';
export * from './placement.ts';
export * from './qemu-versions.ts';
export * from './ram-layout.ts';
export * from './results.ts';
export { accelOf, type Accel } from './phases/accel.ts';
export { KVM_IDENTITY_MAP_ADDR, KVM_IDENTITY_MAP_SIZE } from './phases/board.ts';
export * from './qemu-catalog.ts';
