/**
 * A text field that applies on Enter or when it loses focus, after a check. A value that fails the check is
 * not applied: the text stays in the field with the message under it. Escape puts the document's value back.
 *
 * An apply may be guarded (forms/edit-guard.ts): when QEMU would refuse the design it makes, nothing is
 * committed, the text stays as typed, the field and the blocks concerned are marked, and the plain reason and
 * QEMU's text show under the field with "Apply anyway"; Escape goes back to the document's value.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { FieldCheck } from './validate.ts';
import type { EditRefusal, GuardOutcome } from './edit-guard.ts';
import { refusedMarks } from './refused-marks.ts';
import { RefusalNote } from './RefusalNote.tsx';
import { useDerivedView } from '../hooks/useDerived.ts';

/** What an apply returns: nothing (committed as it is), or a guarded edit's outcome. */
export type ApplyResult = void | boolean | Promise<GuardOutcome | void>;

export interface FieldProps {
  label: string;
  /** the document's current text */
  value: string;
  /** check the text; null = nothing to check */
  check: (text: string) => FieldCheck;
  /** apply a checked value (undefined = remove the property) */
  onApply: (value: string | undefined) => ApplyResult;
  placeholder?: string;
  hint?: ReactNode;
  /** the hint (and placeholder) are figures of the current result: while QEMU refuses the design they are said to be the last accepted design's */
  resultHint?: boolean;
  mono?: boolean;
  list?: string;
  testId?: string;
  disabled?: boolean;
}

interface Refused {
  refusal: EditRefusal;
  applyAnyway: () => boolean;
  /** the text (or choice) it was about */
  text: string;
}

/** A guarded control's refusal state: the note to show, the marks on the map, and the ways out. */
function useRefused(testId: string | undefined) {
  const [refused, setRefused] = useState<Refused | null>(null);
  const owner = useRef({});
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      refusedMarks.clear(owner.current);
    };
  }, []);
  const show = (r: Refused | null) => {
    setRefused(r);
    if (r) refusedMarks.set(owner.current, r.refusal.blocks);
    else refusedMarks.clear(owner.current);
  };
  /** run an apply; a refusal is shown, anything else clears it */
  const run = async (result: ApplyResult, text: string): Promise<'refused' | 'done'> => {
    const out = await result;
    if (!alive.current) return 'done';
    if (out && typeof out === 'object' && out.status === 'refused') {
      show({ refusal: out.refusal, applyAnyway: out.applyAnyway, text });
      return 'refused';
    }
    show(null);
    return 'done';
  };
  return { refused, show, run, testId: testId ?? 'field' };
}

/** The stale-result words for a hint that is a figure of the last accepted design. */
function useStaleHint(resultHint: boolean | undefined): boolean {
  const { layoutStale } = useDerivedView();
  return Boolean(resultHint && layoutStale);
}

export function Field({ label, value, check, onApply, placeholder, hint, resultHint, mono, list, testId, disabled }: FieldProps) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const guard = useRefused(testId);
  const stale = useStaleHint(resultHint);
  useEffect(() => {
    setText(value);
    setError(null);
    guard.show(null);
  }, [value]);

  const apply = () => {
    if (text === value && error === null && guard.refused === null) return;
    // the same text is refused already: its note is showing
    if (guard.refused && guard.refused.text === text) return;
    const r = check(text);
    if (!r.ok) {
      setError(r.message);
      guard.show(null);
      return;
    }
    setError(null);
    if ((r.value ?? '') !== value) void guard.run(onApply(r.value), text);
    else {
      setText(value);
      guard.show(null);
    }
  };
  const back = () => {
    setText(value);
    setError(null);
    guard.show(null);
  };
  const anyway = () => {
    const r = guard.refused;
    if (!r) return;
    if (!r.applyAnyway()) setError(`${label}: the design changed meanwhile; apply it again`);
    guard.show(null);
  };

  const refused = guard.refused;
  const errId = `${id}-err`;
  const shownHint = hint && stale ? <>{hint} — in the last design QEMU accepted</> : hint;
  return (
    <div
      className={`field${error ? ' invalid' : ''}${refused ? ' refused' : ''}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && refused && e.target !== e.currentTarget.querySelector('input')) {
          e.preventDefault();
          back();
        }
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={mono ? 'mono' : undefined}
        value={text}
        placeholder={placeholder && stale ? `${placeholder} (last accepted design)` : placeholder}
        list={list}
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error || refused ? true : undefined}
        aria-describedby={error || refused ? errId : hint ? `${id}-hint` : undefined}
        data-testid={testId}
        data-refused={refused ? '' : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          } else if (e.key === 'Escape') {
            back();
          }
        }}
      />
      {error ? (
        <div className="field-error" id={errId} role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </div>
      ) : refused ? (
        <RefusalNote refusal={refused.refusal} id={errId} testId={guard.testId} onApplyAnyway={anyway} onBack={back} />
      ) : shownHint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {shownHint}
        </div>
      ) : null}
    </div>
  );
}

export interface SelectFieldProps {
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => ApplyResult;
  hint?: ReactNode;
  testId?: string;
}

/**
 * A choice that applies when it changes. Guarded like Field: a choice QEMU would refuse stays chosen, marked, with
 * the reason under it; Escape goes back to the document's value.
 */
export function SelectField({ label, value, options, onChange, hint, testId }: SelectFieldProps) {
  const id = useId();
  const guard = useRefused(testId);
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    setChosen(null);
    guard.show(null);
  }, [value]);
  const refused = guard.refused;
  const shown = chosen ?? value;
  const back = () => {
    setChosen(null);
    guard.show(null);
  };
  const anyway = () => {
    const r = guard.refused;
    guard.show(null);
    if (r && !r.applyAnyway()) setChosen(null);
  };
  const list = options.some((o) => o.value === shown) ? options : [...options, { value: shown, label: shown }];
  const errId = `${id}-err`;
  return (
    <div
      className={`field${refused ? ' refused' : ''}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && refused) {
          e.preventDefault();
          back();
        }
      }}
    >
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={shown}
        aria-invalid={refused ? true : undefined}
        aria-describedby={refused ? errId : undefined}
        data-refused={refused ? '' : undefined}
        onChange={(e) => {
          const v = e.target.value;
          if (v === value) {
            back();
            return;
          }
          setChosen(v);
          void guard.run(onChange(v), v).then((r) => {
            if (r === 'done') setChosen(null);
          });
        }}
        data-testid={testId}
      >
        {list.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {refused ? (
        <RefusalNote refusal={refused.refusal} id={errId} testId={guard.testId} onApplyAnyway={anyway} onBack={back} />
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}
