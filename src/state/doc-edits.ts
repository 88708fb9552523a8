/**
 * The document edits the designer applies. They are written once, in the core (src/core/document/edits.ts), where
 * the worker's drag check uses them too; this module names them for the state and the panels.
 */
export {
  addBackend,
  addMemoryDevice,
  addNumaNode,
  backendIds,
  backendInsertIndex,
  backendUsers,
  describeOption,
  deviceIds,
  insertOption,
  machineFields,
  moveDevice,
  numaNodeIds,
  numaNodeOptionIndex,
  patchOption,
  removeOption,
  removeOptionAt,
  setBackendSize,
  setDeviceAddr,
  setDeviceId,
  setDeviceNode,
  setHmatLb,
  setMachineField,
  setMachineHmat,
  setNodeInitiator,
  setNumaDistance,
  setMemdev,
  shiftIndex,
  uniqueId,
} from '../core/document/index.ts';
export type { DeviceMove, EditResult, FieldPatch, HmatCell, MachineField, RemoveResult } from '../core/document/index.ts';
