/**
 * A short guided tour for first-time users: the steps the core writes for the machine (`guidedTour`), each
 * pointing at an element by its test id. The element is scrolled into view and outlined; a card beside it says
 * what it shows, with Back / Next / Close. The tour opens by itself once, on the example machine, and is
 * remembered as seen; the Tour button in the app bar (TourButton.tsx) starts it again. The page stays usable while it is open. It
 * loads with the map (app-results.ts): the steps point at what the map and the tables draw.
 */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useDesigner } from '../../state/store.ts';
import { useDocQuery } from '../deck/useDocQuery.ts';
import { DEFAULT_PRESET_ID, presetIdOf } from '../preset-docs.ts';
import { tourSeen, useTour } from './tour-store.ts';

const TourCard = lazy(() => import('./TourCard.tsx'));

/** The tour, when open; opens itself once for a first-time visitor on the example machine. */
export function Tour() {
  const open = useTour((s) => s.open);
  const doc = useDesigner((s) => s.doc);
  const docRef = useRef(doc);
  docRef.current = doc;
  useEffect(() => {
    const forced = new URLSearchParams(window.location.search).has('tour');
    // browsers driven by test automation get no unasked-for overlay (`?tour` asks for it)
    const automated = typeof navigator !== 'undefined' && navigator.webdriver === true;
    if (forced || (!tourSeen() && !automated && presetIdOf(docRef.current) === DEFAULT_PRESET_ID)) useTour.getState().start();
  }, []);
  const q = useDocQuery('tour', [], (c, d) => c.guidedTour(d), open);
  if (!open || !q.data || q.data.length === 0) return null;
  return (
    <Suspense fallback={null}>
      <TourCard steps={q.data} />
    </Suspense>
  );
}
