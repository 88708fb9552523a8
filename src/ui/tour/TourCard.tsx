/** The tour's card and the outline around the element a step points at (loaded when the tour first opens). */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { TourStep } from '../../core/teach/index.ts';
import { useDesignerApi } from '../../state/store.ts';
import { DECK_TAB_OF_TARGET, useDeck } from '../deck/deck-store.ts';
import { Sources } from '../panels/Provenance.tsx';
import { DEFAULT_PRESET_ID, exampleDocument, markPresetDocument } from '../preset-docs.ts';
import { useTour } from './tour-store.ts';
import './tour.css';

interface Box {
  top: number;
  left: number;
  width: number;
  height: number;
}

const PAD = 6;
const CARD_W = 380;
const MARGIN = 12;

function findTarget(testId: string): Element | null {
  return document.querySelector(`[data-testid="${CSS.escape(testId)}"]`);
}

/** Follow the target's box on screen (it moves with scrolling, layout and the deck switching tabs). */
function useTargetBox(target: string): { box: Box | null; missing: boolean } {
  const [box, setBox] = useState<Box | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    const tab = DECK_TAB_OF_TARGET[target];
    if (tab) useDeck.getState().setTab(tab);
    let raf = 0;
    let scrolled = false;
    let tries = 0;
    let last = '';
    const tick = () => {
      const el = findTarget(target);
      if (el) {
        if (!scrolled) {
          const r = el.getBoundingClientRect();
          el.scrollIntoView({ block: r.height > window.innerHeight * 0.6 ? 'start' : 'center', inline: 'nearest' });
          scrolled = true;
        }
        const r = el.getBoundingClientRect();
        const key = `${r.top}|${r.left}|${r.width}|${r.height}`;
        if (key !== last) {
          last = key;
          setBox({ top: r.top, left: r.left, width: r.width, height: r.height });
          setMissing(false);
        }
      } else if (++tries > 90) {
        // about a second and a half without the element: this design has none
        setBox(null);
        setMissing(true);
      }
      raf = requestAnimationFrame(tick);
    };
    setBox(null);
    setMissing(false);
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [target]);
  return { box, missing };
}

function placeCard(box: Box | null, cardH: number): { top: number; left: number } {
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const clampX = (x: number) => Math.min(Math.max(MARGIN, x), vw - CARD_W - MARGIN);
  if (!box) return { top: Math.max(MARGIN, (vh - cardH) / 2), left: clampX((vw - CARD_W) / 2) };
  const below = box.top + box.height + PAD + MARGIN;
  if (below + cardH < vh - MARGIN) return { top: below, left: clampX(box.left) };
  const above = box.top - PAD - MARGIN - cardH;
  if (above > MARGIN) return { top: above, left: clampX(box.left) };
  const right = box.left + box.width + PAD + MARGIN;
  const top = Math.min(Math.max(MARGIN, box.top), vh - cardH - MARGIN);
  if (right + CARD_W < vw - MARGIN) return { top, left: right };
  const left = box.left - PAD - MARGIN - CARD_W;
  if (left > MARGIN) return { top, left };
  // a target larger than the screen: the card sits in its top right corner
  return { top: Math.max(MARGIN, Math.min(box.top + MARGIN, vh - cardH - MARGIN)), left: clampX(vw - CARD_W - 2 * MARGIN) };
}

export default function TourCard({ steps }: { steps: TourStep[] }) {
  const stepIndex = useTour((s) => s.step);
  const { go, close } = useTour.getState();
  const store = useDesignerApi();
  const titleId = useId();
  const i = Math.min(stepIndex, steps.length - 1);
  const step = steps[i]!;
  const { box, missing } = useTargetBox(step.target);
  const cardRef = useRef<HTMLDivElement>(null);
  const [cardH, setCardH] = useState(220);
  useLayoutEffect(() => {
    const h = cardRef.current?.offsetHeight;
    if (h && Math.abs(h - cardH) > 1) setCardH(h);
  });
  const last = i === steps.length - 1;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      if (e.key === 'Escape') close();
      else if (e.key === 'ArrowRight' && !last) go(i + 1);
      else if (e.key === 'ArrowLeft' && i > 0) go(i - 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [i, last, go, close]);

  const pos = placeCard(box, cardH);
  const loadExample = () => {
    const doc = exampleDocument();
    store.getState().actions.replaceDocument(markPresetDocument(doc, DEFAULT_PRESET_ID), { recordHistory: true });
    go(i);
  };

  return (
    <>
      {box ? (
        <div
          className="tour-ring"
          aria-hidden="true"
          style={{ top: box.top - PAD, left: box.left - PAD, width: box.width + 2 * PAD, height: box.height + 2 * PAD }}
        />
      ) : null}
      <div
        ref={cardRef}
        className="tour-card"
        role="dialog"
        aria-modal="false"
        aria-labelledby={titleId}
        data-testid="tour"
        data-target={step.target}
        style={{ top: pos.top, left: pos.left, width: CARD_W }}
      >
        <div className="tour-top">
          <span className="tour-count" data-testid="tour-step">
            {i + 1} / {steps.length}
          </span>
          <span className="tour-dots" aria-hidden="true">
            {steps.map((s, k) => (
              <span key={s.id} className={k === i ? 'on' : ''} />
            ))}
          </span>
          <button type="button" className="tour-x" aria-label="Close the tour" data-testid="tour-close" onClick={close}>
            ×
          </button>
        </div>
        <h3 id={titleId}>{step.title}</h3>
        <p>{step.text}</p>
        {missing ? (
          <p className="tour-missing">
            This design has nothing for this step.{' '}
            <button type="button" className="link" onClick={loadExample}>
              Load the example machine
            </button>
          </p>
        ) : null}
        <div className="tour-foot">
          <Sources sources={step.sources} />
          <span className="spacer" />
          <button type="button" data-testid="tour-back" disabled={i === 0} onClick={() => go(i - 1)}>
            Back
          </button>
          <button type="button" className="primary" data-testid="tour-next" onClick={() => (last ? close() : go(i + 1))}>
            {last ? 'Done' : 'Next'}
          </button>
        </div>
      </div>
    </>
  );
}
