/**
 * What a QEMU release says it accepts, as far as the model's name checks go: its user-creatable device models
 * and their properties, its object types and their properties, its CPU models (and, through their `-device
 * MODEL-x86_64-cpu` entries, the CPU properties and features) and the pc/q35 machine properties. The lists come
 * from real QEMU's own output (`npm run capture-qemu-help`, src/cli/capture-qemu-help-main.ts, which also writes
 * the trimmed data file a release ships: src/core/syntax/qemu-help/catalog-<version>.json).
 *
 * The model takes a catalog as an argument (ComputeOptions.catalog): the lists are large, and the page must not
 * carry them; the CLI reads them from disk, the worker loads them the first time it needs them. Without one the
 * name checks are not made, and the result says so (`catalogPending`).
 */

/** The shipped data, JSON as written by the capture (names only). */
export interface QemuCatalogData {
  /** whose help lists these are (the release table's `helpLists`) */
  helpLists: '7.2' | '11.1';
  /** `qemu-system-x86_64 --version`, first line */
  qemu: string;
  /** the distinct property lists, sorted; devices and objects refer to them by index */
  propertySets: string[][];
  /** user-creatable device models (`-device help`) → their properties (`-device NAME,help`) */
  devices: Record<string, number>;
  /** `alias "…"` of `-device help` → the model */
  deviceAliases: Record<string, string>;
  /**
   * device types `-device` refuses as such (qdev_get_device_class): abstract ones, and concrete ones that are
   * not user-creatable (QMP `qom-list-types`)
   */
  deviceTypesNotCreatable: { abstract: string[]; concrete: string[] };
  /** listed device models that QEMU cannot create (a module it does not ship), with QEMU's message */
  deviceErrors: Record<string, string>;
  /**
   * the object types `-object` reads (object-add's ObjectOptions in QMP `query-qmp-schema`) → the members of
   * each (besides qom-type and id)
   */
  objects: Record<string, number>;
  /** of those, the types the binary cannot create (not in `-object help`): refused as QEMU creates the object */
  objectsNotCreatable: string[];
  /** CPU model names (`-cpu help`) */
  cpuModels: string[];
  /** the pc and q35 machine properties (QMP `qom-list-properties` of the machine type) */
  machineProperties: { pc: string[]; q35: string[] };
}

/** The data, ready for lookups. */
export interface QemuCatalog {
  helpLists: '7.2' | '11.1';
  /** device model (or alias) → the model and its properties */
  device(name: string): { model: string; properties: ReadonlySet<string>; error: string | null } | null;
  /** a device type that is no user-creatable model: `abstract`, `not-creatable`; null: no device type at all */
  deviceType(name: string): 'abstract' | 'not-creatable' | null;
  /** object type → its members */
  object(type: string): ReadonlySet<string> | null;
  /** a type -object reads that the binary cannot create */
  objectNotCreatable(type: string): boolean;
  cpuModels: ReadonlySet<string>;
  /** the properties of a CPU model's `MODEL-x86_64-cpu` device type (features included) */
  cpuProperties(model: string): ReadonlySet<string> | null;
  machineProperties: { pc: ReadonlySet<string>; q35: ReadonlySet<string> };
}

export function prepareCatalog(data: QemuCatalogData): QemuCatalog {
  const sets = data.propertySets.map((s) => new Set(s));
  const propsOf = (i: number | undefined): ReadonlySet<string> | null => (i === undefined ? null : (sets[i] ?? null));
  const notCreatable = new Set(data.objectsNotCreatable);
  const abstract = new Set(data.deviceTypesNotCreatable.abstract);
  const concrete = new Set(data.deviceTypesNotCreatable.concrete);
  const own = <T>(o: Record<string, T>, k: string): T | undefined => (Object.hasOwn(o, k) ? o[k] : undefined);
  return {
    helpLists: data.helpLists,
    device(name) {
      let model = name;
      let i = own(data.devices, name);
      if (i === undefined) {
        const target = own(data.deviceAliases, name);
        if (target === undefined) return null;
        model = target;
        i = own(data.devices, target);
        if (i === undefined) return null;
      }
      return { model, properties: propsOf(i)!, error: own(data.deviceErrors, model) ?? null };
    },
    deviceType: (name) => (abstract.has(name) ? 'abstract' : concrete.has(name) ? 'not-creatable' : null),
    object: (type) => propsOf(own(data.objects, type)),
    objectNotCreatable: (type) => notCreatable.has(type),
    cpuModels: new Set(data.cpuModels),
    cpuProperties: (model) => propsOf(own(data.devices, `${model}-x86_64-cpu`)),
    machineProperties: { pc: new Set(data.machineProperties.pc), q35: new Set(data.machineProperties.q35) },
  };
}
