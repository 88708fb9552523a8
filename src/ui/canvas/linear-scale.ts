/**
 * A linear map between two intervals, in place of d3-scale's scaleLinear for the two uses the designer has (the
 * map's axis and the hotplug window diagram): `domain`, `range`, `invert`, `clamp` and `copy`, with d3's own
 * arithmetic (normalize to [0, 1], then `a * (1 - t) + b * t`), so positions equal d3's to the last bit.
 * A domain of one point maps everything to the middle of the range, as d3 does; NaN maps to NaN (d3: undefined).
 */
export interface LinearScale {
  (x: number): number;
  invert(y: number): number;
  domain(): [number, number];
  domain(d: readonly [number, number]): LinearScale;
  range(): [number, number];
  range(r: readonly [number, number]): LinearScale;
  clamp(): boolean;
  clamp(on: boolean): LinearScale;
  copy(): LinearScale;
}

type Unit = (x: number) => number;

/** x ↦ t in [0, 1] over [a, b] (d3's normalize) */
function normalize(a: number, b: number): Unit {
  const d = b - a;
  if (d) return (x) => (x - a) / d;
  const mid = Number.isNaN(d) ? NaN : 0.5;
  return () => mid;
}

/** t ↦ a value between a and b (d3's interpolateNumber) */
function lerp(a: number, b: number): Unit {
  return (t) => a * (1 - t) + b * t;
}

/** d3's bimap: from [d0, d1] onto [r0, r1], a descending domain included */
function bimap(d0: number, d1: number, r0: number, r1: number): Unit {
  const [n, i] = d1 < d0 ? [normalize(d1, d0), lerp(r1, r0)] : [normalize(d0, d1), lerp(r0, r1)];
  return (x) => i(n(x));
}

function clamper(a: number, b: number): Unit {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return (x) => Math.max(lo, Math.min(hi, x));
}

const identity: Unit = (x) => x;

export function linearScale(domain: readonly [number, number] = [0, 1], range: readonly [number, number] = [0, 1], clamped = false): LinearScale {
  let d: [number, number] = [+domain[0], +domain[1]];
  let r: [number, number] = [+range[0], +range[1]];
  let clampOn = clamped;
  let forward: Unit = identity;
  let backward: Unit = identity;
  let clampFn: Unit = identity;

  const rescale = () => {
    forward = bimap(d[0], d[1], r[0], r[1]);
    backward = bimap(r[0], r[1], d[0], d[1]);
    clampFn = clampOn ? clamper(d[0], d[1]) : identity;
  };
  rescale();

  const scale = ((x: number) => forward(clampFn(+x))) as LinearScale;
  scale.invert = (y: number) => clampFn(backward(+y));
  scale.domain = ((next?: readonly [number, number]) => {
    if (next === undefined) return [d[0], d[1]];
    d = [+next[0], +next[1]];
    rescale();
    return scale;
  }) as LinearScale['domain'];
  scale.range = ((next?: readonly [number, number]) => {
    if (next === undefined) return [r[0], r[1]];
    r = [+next[0], +next[1]];
    rescale();
    return scale;
  }) as LinearScale['range'];
  scale.clamp = ((on?: boolean) => {
    if (on === undefined) return clampOn;
    clampOn = Boolean(on);
    rescale();
    return scale;
  }) as LinearScale['clamp'];
  scale.copy = () => linearScale(d, r, clampOn);
  return scale;
}
