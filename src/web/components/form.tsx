import { type InputHTMLAttributes, type ReactNode, useEffect, useId, useRef } from "react";

export function Field({
  label,
  hint,
  error,
  ...input
}: { label: string; hint?: string; error?: string | undefined } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A message that screen readers announce; errors also take focus so they are not missed. */
export function Alert({ kind, children }: { kind: "error" | "success" | "info"; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (kind === "error") ref.current?.focus();
  }, [kind]);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={`alert alert-${kind}`}
      role={kind === "error" ? "alert" : "status"}
    >
      {children}
    </div>
  );
}

/** The messages a form shows at its fields, by field name: our own words, in the page's language. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * A shape check only (something@something.tld): the server has the last word. Forms use
 * `noValidate` and this, so the browser's own bubbles in the browser's language never show.
 *
 * @example looksLikeEmail("kari@example.no") // true
 */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

/**
 * Moves focus to the first field marked invalid whenever a new set of errors is shown, so the
 * reader hears the field and its message (aria-describedby) at once.
 */
export function useFocusFirstError(errors: FieldErrors, form: { current: HTMLFormElement | null }) {
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors, form]);
}
