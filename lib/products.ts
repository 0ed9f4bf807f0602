/**
 * The product shape and its validation, shared by the products API (which
 * enforces it) and the "Add product" form (which mirrors it for quick feedback).
 */
import { z } from 'zod';

export const DEPARTMENTS = ['engineering', 'marketing', 'operations', 'sales'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export type Product = {
  id: string;
  name: string;
  price: number;
  department: Department;
};

/** What GET /products answers. */
export type ProductList = {
  products: Product[];
  /** The departments the caller may see: every one for an admin. */
  visibleDepartments: Department[] | 'all';
  /** Why the list is empty when the caller's account says so (e.g. no department). */
  notice?: string;
};

const hasAtMostTwoDecimals = (value: number) =>
  Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

export const newProductSchema = z.object({
  name: z
    .string({ error: 'Enter a name.' })
    .trim()
    .min(2, 'The name needs at least 2 characters.')
    .max(80, 'The name can have at most 80 characters.'),
  price: z
    .number({ error: 'Enter a price.' })
    .positive('The price must be more than 0.')
    .max(1_000_000, 'The price must be at most 1,000,000.')
    .refine(hasAtMostTwoDecimals, 'The price can have at most 2 decimals.'),
  department: z.enum(DEPARTMENTS, { error: `Choose one of: ${DEPARTMENTS.join(', ')}.` }),
});

export type NewProduct = z.infer<typeof newProductSchema>;

/** Field name → messages, the shape the API answers with and the form displays. */
export type FieldErrors = Partial<Record<keyof NewProduct, string[]>>;

export function fieldErrorsOf(error: z.ZodError<NewProduct>): FieldErrors {
  return z.flattenError(error).fieldErrors;
}

/**
 * The shapes the products API answers with. Our API routes check every answer
 * against them before the browser gets it, so a broken or compromised API
 * cannot crash the page with a body it does not expect (unknown fields are
 * dropped on the way).
 */
export const productSchema = z.object({
  id: z.string(),
  name: z.string(),
  price: z.number(),
  department: z.enum(DEPARTMENTS),
}) satisfies z.ZodType<Product>;

export const productListSchema = z.object({
  products: z.array(productSchema),
  visibleDepartments: z.union([z.literal('all'), z.array(z.enum(DEPARTMENTS))]),
  notice: z.string().optional(),
}) satisfies z.ZodType<ProductList>;
