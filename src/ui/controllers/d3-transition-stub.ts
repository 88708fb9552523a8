/**
 * What d3-zoom takes from d3-transition, for a designer that runs no d3 transitions: zoom transforms are applied
 * at once (never through `selection.transition()`) and double-click zoom is off, so interrupting a transition
 * has nothing to do. vite.config.ts resolves `d3-transition` to this file, which keeps d3-transition and the
 * timer and easing code it brings out of the bundle.
 */
import { selection } from 'd3-selection';

/** d3-transition's `interrupt(node, name)`: there is never a transition to interrupt. */
export function interrupt(_node?: Element, _name?: string): void {}

// d3-zoom calls `selection.interrupt()` before applying a transform
(selection.prototype as { interrupt?: unknown }).interrupt = function interruptNone<T>(this: T): T {
  return this;
};
