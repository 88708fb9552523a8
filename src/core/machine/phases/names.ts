/**
 * The names QEMU checks against what the release has, taken from the release's catalog (qemu-catalog.ts) —
 * never from a list written here: object types and their members (qapi ObjectOptions, read with the option in
 * softmmu/vl.c `object_option_parse`), device models and their properties (qdev-monitor.c `qdev_device_add`,
 * at device creation), machine properties (vl.c `qemu_apply_machine_options`) and the CPU's properties and
 * features (target/i386/cpu.c: the -cpu globals when the CPU object is made, `+feature`/`-feature` at realize).
 * A device or object QEMU has but the designer does not model passes these checks and stays in the document
 * as written. Without the catalog the checks are skipped and the result says so (context.ts `catalogFor`).
 */
import { isWellFormedId, type RawOption } from '../../document/index.ts';
import { QEMU_MESSAGES as M } from '../../base/index.ts';
import { firstUnvisitedKey, isJsonText, parseQemuJson, qdictOrder, splitOptValue, type JsonValue } from '../../syntax/index.ts';
import { catalogFor, qemuWarning, reject, type Ctx } from './context.ts';

/** A -object/-device value's keys in the order given, with the last value of each (QDict: a repeated key replaces the value). */
export interface OptionKeys {
  json: boolean;
  /** each key once, in first-insertion order */
  keys: string[];
  values: Map<string, string | null>;
}

/** The keys of a `key=value` (with `impliedKey` for a first bare word) or JSON option value; null: unreadable JSON. */
export function optionKeys(text: string, impliedKey: string): OptionKeys | null {
  const values = new Map<string, string | null>();
  if (isJsonText(text)) {
    const r = parseQemuJson(text);
    if (!r.ok || r.value.kind !== 'object') return null;
    for (const m of r.value.members) values.set(m.key, jsonScalar(m.value));
    return { json: true, keys: [...values.keys()], values };
  }
  for (const { key, value } of splitOptValue(text, impliedKey)) values.set(key, value);
  return { json: false, keys: [...values.keys()], values };
}

function jsonScalar(v: JsonValue): string | null {
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number') return v.text;
  if (v.kind === 'bool') return v.value ? 'on' : 'off';
  return null;
}

/**
 * A -object of a type the designer does not model, as QEMU's ObjectOptions visitor reads it with the option:
 * the qom-type (present, then one the release has), the id (present, an identifier), then the members its type
 * does not have — the one GLib's hash table yields first (`firstUnvisitedKey`).
 */
export function readUnmodelledObject(ctx: Ctx, option: RawOption, index: number): string | null {
  const text = option.args[1];
  if (text === undefined) return null;
  const k = optionKeys(text, 'qom-type');
  // JSON that does not read was refused by the parser already
  if (!k) return null;
  const type = k.values.get('qom-type');
  if (!k.json) {
    if (type === undefined || type === null) reject(ctx, 'object/invalid', M.parameterMissing('qom-type'), index, 'qom-type');
  } else if (typeof type !== 'string') {
    return null;
  }
  const catalog = catalogFor(ctx);
  const members = catalog?.object(type!) ?? null;
  if (catalog && !members) reject(ctx, 'object/invalid', M.parameterValueNotAccepted('qom-type', type!), index, 'qom-type');
  if (!k.json) {
    const id = k.values.get('id');
    if (id === undefined || id === null) reject(ctx, 'object/invalid', M.parameterMissing('id'), index, 'id');
    if (!isWellFormedId(id)) reject(ctx, 'object/invalid', M.parameterExpectsIdentifier('id'), index, 'id');
  }
  if (!members) return type!;
  const visited = new Set(k.keys.filter((key) => key === 'qom-type' || key === 'id' || members.has(key)));
  const order = qdictOrder(k.keys.map((key) => ({ key }))).map((m) => m.key);
  const unknown = firstUnvisitedKey(order, visited);
  if (unknown !== undefined) {
    reject(ctx, 'object/invalid', k.json ? M.parameterUnexpected(unknown) : M.invalidParameter(unknown), index, unknown);
  }
  return type!;
}

/** An object of a type -object reads but the binary cannot create, and when QEMU creates it. */
export interface UncreatableObject {
  index: number;
  type: string;
}

/**
 * vl.c `object_create_early`: memory backends are created late (after the machine's properties), every other
 * type early (right after the machine type is chosen); a type the binary lacks fails there.
 */
export function isLateObject(type: string): boolean {
  return type.startsWith('memory-backend-');
}

/** The binary's refusal of an object type it reads but cannot create. */
export function failObjectCreation(ctx: Ctx, o: UncreatableObject): never {
  reject(ctx, 'object/invalid', M.invalidObjectType(o.type), null, 'qom-type');
}

/**
 * qdev_get_device_class: the model (or alias) given must be one the release can create. Returns its
 * properties, or null when the catalog is not at hand.
 */
export function deviceClass(ctx: Ctx, index: number, driver: string): { model: string; properties: ReadonlySet<string> } | null {
  const catalog = catalogFor(ctx);
  if (!catalog) return null;
  const c = catalog.device(driver);
  if (!c) {
    const t = catalog.deviceType(driver);
    if (t === 'abstract') reject(ctx, 'device/invalid', M.parameterExpectsType('driver', 'a non-abstract device type'), index, 'driver');
    if (t === 'not-creatable') reject(ctx, 'device/invalid', M.parameterExpectsType('driver', 'a pluggable device type'), index, 'driver');
    reject(ctx, 'device/invalid', M.deviceModelInvalid(driver), index, 'driver');
  }
  // listed, but its module is missing: QEMU fails to make the object
  if (c.error !== null) reject(ctx, 'device/invalid', c.error, index, 'driver');
  return c;
}

/** Keys qdev_device_add takes itself rather than as properties. */
const QDEV_OWN_KEYS: ReadonlySet<string> = new Set(['driver', 'bus', 'id']);

/** The first property, in QDict order (as QEMU sets them), the device model does not have; undefined: none. */
export function unknownDeviceProperty(keys: readonly string[], properties: ReadonlySet<string>): string | undefined {
  for (const { key } of qdictOrder(keys.map((key) => ({ key })))) {
    if (!QDEV_OWN_KEYS.has(key) && !properties.has(key)) return key;
  }
  return undefined;
}

/**
 * A -device the designer does not model, as qdev_device_add creates it: the driver (present, a model the
 * release has, one it can make), then its properties, in the order QEMU sets them. What happens after (the bus,
 * realize) the designer does not model.
 */
/**
 * A network card made by a -device (its model has the NIC properties `mac` and `netdev`, as `-device X,help`
 * lists them): its model, its id, and whether it has a peer (`netdev=`).
 */
export interface UnmodelledNic {
  model: string;
  id: string | null;
  peered: boolean;
}

export function createUnmodelledDevice(ctx: Ctx, index: number, option: RawOption): UnmodelledNic | null {
  const text = option.args[1];
  if (text === undefined) return null;
  const k = optionKeys(text, 'driver');
  if (!k) return null;
  const driver = k.values.get('driver');
  if (typeof driver !== 'string') {
    // a JSON device without a string driver is refused by the parser (json-options.ts)
    if (!k.json) reject(ctx, 'device/invalid', M.parameterMissing('driver'), index, 'driver');
    return null;
  }
  const c = deviceClass(ctx, index, driver);
  if (!c) return null;
  const unknown = unknownDeviceProperty(k.keys, c.properties);
  if (unknown !== undefined) reject(ctx, 'device/invalid', M.propertyNotFound(c.model, unknown), index, unknown);
  if (!c.properties.has('mac') || !c.properties.has('netdev')) return null;
  const id = k.values.get('id');
  return { model: c.model, id: typeof id === 'string' ? id : null, peered: k.values.has('netdev') };
}

/**
 * net_check_clients, at the end of machine creation: "nic NAME has no peer" for each network card without a
 * netdev, in the order they were made. A card's NAME is its id, else its model and how many cards of that model
 * were made before it (qemu_new_nic's assign_name: `e1000.0`, `e1000.1`, …; a named card counts too).
 */
export function warnUnpeeredNics(ctx: Ctx, nics: readonly UnmodelledNic[]): void {
  const made = new Map<string, number>();
  for (const n of nics) {
    const count = made.get(n.model) ?? 0;
    made.set(n.model, count + 1);
    if (!n.peered) qemuWarning(ctx, M.nicHasNoPeer(n.id ?? `${n.model}.${count}`));
  }
}

/** Whether the option is a -device or -object kept verbatim, and which. */
export function rawOptionName(option: RawOption): 'device' | 'object' | null {
  const flag = option.args[0];
  if (flag === '-device' || flag === '--device') return 'device';
  if (flag === '-object' || flag === '--object') return 'object';
  return null;
}
