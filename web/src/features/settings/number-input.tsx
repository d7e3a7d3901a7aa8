import { Field } from '../../ui/field';

/** A labelled whole-number input; an empty box reads as undefined so the server can name what is missing. */
export function NumberInput({
  label,
  value,
  onChange,
  hint,
  error,
  min,
}: {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  hint?: string;
  error?: string;
  min?: number;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(props) => (
        <input
          {...props}
          type="number"
          inputMode="numeric"
          min={min}
          value={value ?? ''}
          onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
        />
      )}
    </Field>
  );
}
