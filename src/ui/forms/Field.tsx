/**
 * A text field that applies on Enter or when it loses focus, after a check. A value that fails the check is
 * not applied: the text stays in the field with the message under it. Escape puts the document's value back.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { FieldCheck } from './validate.ts';

export interface FieldProps {
  label: string;
  /** the document's current text */
  value: string;
  /** check the text; null = nothing to check */
  check: (text: string) => FieldCheck;
  /** apply a checked value (undefined = remove the property) */
  onApply: (value: string | undefined) => void;
  placeholder?: string;
  hint?: ReactNode;
  mono?: boolean;
  list?: string;
  testId?: string;
  disabled?: boolean;
}

export function Field({ label, value, check, onApply, placeholder, hint, mono, list, testId, disabled }: FieldProps) {
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    setText(value);
    setError(null);
  }, [value]);

  const apply = () => {
    if (text === value && error === null) return;
    const r = check(text);
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setError(null);
    if ((r.value ?? '') !== value) onApply(r.value);
    else setText(value);
  };

  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className={mono ? 'mono' : undefined}
        value={text}
        placeholder={placeholder}
        list={list}
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : hint ? `${id}-hint` : undefined}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          } else if (e.key === 'Escape') {
            setText(value);
            setError(null);
          }
        }}
      />
      {error ? (
        <div className="field-error" id={`${id}-err`} role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

export interface SelectFieldProps {
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
  hint?: ReactNode;
  testId?: string;
}

export function SelectField({ label, value, options, onChange, hint, testId }: SelectFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? <div className="field-hint">{hint}</div> : null}
    </div>
  );
}
