/**
 * A short guided tour for first-time users: the steps the core writes for the machine (`guidedTour`), each
 * pointing at an element by its test id. The element is scrolled into view and outlined; a card beside it says
 * what it shows, with Back / Next / Close. A first-time visitor on the example machine is offered it once
 * (Welcome.tsx; taking or dismissing it is remembered); the Tour button in the app bar (TourButton.tsx) starts it
 * again, and `?tour` in the address opens it at once. The page stays usable while it is open. It
 * loads with the map (app-results.ts): the steps point at what the map and the tables draw.
 */
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useDesigner } from '../../state/store.ts';
import { useDocQuery } from '../deck/useDocQuery.ts';
import { DEFAULT_PRESET_ID, presetIdOf } from '../preset-docs.ts';
import { tourSeen, useTour } from './tour-store.ts';
import { ExampleStory, WelcomePrompt } from './Welcome.tsx';

const TourCard = lazy(() => import('./TourCard.tsx'));

/** The tour, when open; the example's story; the offer of the tour to a first-time visitor on the example machine. */
export function Tour() {
  const open = useTour((s) => s.open);
  const doc = useDesigner((s) => s.doc);
  const docRef = useRef(doc);
  docRef.current = doc;
  const [offer, setOffer] = useState(false);
  useEffect(() => {
    const forced = new URLSearchParams(window.location.search).has('tour');
    // browsers driven by test automation get no unasked-for card (`?tour` opens the tour itself)
    const automated = typeof navigator !== 'undefined' && navigator.webdriver === true;
    if (forced) useTour.getState().start();
    else if (!tourSeen() && !automated && presetIdOf(docRef.current) === DEFAULT_PRESET_ID) setOffer(true);
  }, []);
  const q = useDocQuery('tour', [], (c, d) => c.guidedTour(d), open);
  return (
    <>
      <ExampleStory />
      {offer ? <WelcomePrompt show /> : null}
      {open && q.data && q.data.length > 0 ? (
        <Suspense fallback={null}>
          <TourCard steps={q.data} />
        </Suspense>
      ) : null}
    </>
  );
}
