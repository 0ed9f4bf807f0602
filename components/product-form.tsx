import { useState } from 'react';
import {
  DEPARTMENTS,
  fieldErrorsOf,
  newProductSchema,
  type FieldErrors,
  type Product,
} from '@/lib/products';
import { ApiError } from '@/lib/fetch-json';
import { createProduct } from '@/lib/use-products';

type ProductFormProps = {
  onCreated: (product: Product) => unknown;
  /** The API route answered `step_up_required`: the session's token may no longer add products. */
  onStepUpRequired?: () => unknown;
  autoFocus?: boolean;
};

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none aria-invalid:border-red-500';

type FieldProps = {
  name: keyof FieldErrors;
  label: string;
  errors?: string[];
  /** Renders the control with the id and ARIA attributes that tie it to its label and errors. */
  children: (control: {
    id: string;
    name: string;
    className: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => React.ReactNode;
};

/** A label, a control and its error messages, tied together for screen readers. */
function Field({ name, label, errors, children }: FieldProps) {
  const id = `product-${name}`;
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({
        id,
        name,
        className: inputClass,
        'aria-invalid': !!errors?.length,
        'aria-describedby': errors?.length ? errorId : undefined,
      })}
      {errors?.length ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/**
 * "Add product", shown to admins. It checks the input with the same schema as
 * the API for quick feedback; the API checks again and has the last word.
 */
export function ProductForm({ onCreated, onStepUpRequired, autoFocus }: ProductFormProps) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function handleSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const priceText = String(data.get('price') ?? '').trim();
    const parsed = newProductSchema.safeParse({
      name: data.get('name'),
      price: priceText === '' ? undefined : Number(priceText),
      department: data.get('department') || undefined,
    });
    setFormError(null);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const product = await createProduct(parsed.data);
      form.reset();
      await onCreated(product);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : null;
      if (apiError?.code === 'step_up_required' && onStepUpRequired) {
        await onStepUpRequired();
        return;
      }
      setErrors(apiError?.fieldErrors ?? {});
      setFormError(apiError?.message ?? 'The product could not be saved.');
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={handleSubmit}
      aria-labelledby="add-product-heading"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
    >
      <h2 id="add-product-heading" className="font-semibold text-slate-900">
        Add product
      </h2>
      {formError && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      )}
      <Field name="name" label="Name" errors={errors.name}>
        {(control) => <input {...control} autoFocus={autoFocus} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="price" label="Price (USD)" errors={errors.price}>
          {(control) => (
            <input {...control} type="number" inputMode="decimal" step="0.01" min="0" />
          )}
        </Field>
        <Field name="department" label="Department" errors={errors.department}>
          {(control) => (
            <select {...control} defaultValue="">
              <option value="" disabled>
                Choose…
              </option>
              {DEPARTMENTS.map((department) => (
                <option key={department} value={department}>
                  {department}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <button
        type="submit"
        disabled={saving}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 focus-visible:outline-none disabled:opacity-60"
      >
        {saving ? 'Adding…' : 'Add product'}
      </button>
    </form>
  );
}
