import { useState } from 'react';
import {
  DEPARTMENTS,
  fieldErrorsOf,
  newProductSchema,
  type FieldErrors,
  type Product,
} from '@/lib/products';
import { ApiError, createProduct } from '@/lib/use-products';

type ProductFormProps = { onCreated: (product: Product) => unknown };

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:ring-2 focus:ring-brand-600/30 focus:outline-none aria-invalid:border-red-500';

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-700">
      {messages.join(' ')}
    </p>
  );
}

/**
 * "Add product", shown to admins. It checks the input with the same schema as
 * the API for quick feedback; the API checks again and has the last word.
 */
export function ProductForm({ onCreated }: ProductFormProps) {
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
      <div>
        <label htmlFor="product-name" className="text-sm font-medium text-slate-700">
          Name
        </label>
        <input
          id="product-name"
          name="name"
          className={inputClass}
          aria-invalid={!!errors.name}
          aria-describedby={errors.name ? 'product-name-error' : undefined}
        />
        <FieldError id="product-name-error" messages={errors.name} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="product-price" className="text-sm font-medium text-slate-700">
            Price (USD)
          </label>
          <input
            id="product-price"
            name="price"
            type="number"
            inputMode="decimal"
            step="0.01"
            min="0"
            className={inputClass}
            aria-invalid={!!errors.price}
            aria-describedby={errors.price ? 'product-price-error' : undefined}
          />
          <FieldError id="product-price-error" messages={errors.price} />
        </div>
        <div>
          <label htmlFor="product-department" className="text-sm font-medium text-slate-700">
            Department
          </label>
          <select
            id="product-department"
            name="department"
            defaultValue=""
            className={inputClass}
            aria-invalid={!!errors.department}
            aria-describedby={errors.department ? 'product-department-error' : undefined}
          >
            <option value="" disabled>
              Choose…
            </option>
            {DEPARTMENTS.map((department) => (
              <option key={department} value={department}>
                {department}
              </option>
            ))}
          </select>
          <FieldError id="product-department-error" messages={errors.department} />
        </div>
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
