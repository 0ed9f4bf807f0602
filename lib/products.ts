/**
 * The product as the app sees it: what the "Add product" form checks before
 * sending (the products API checks again, with its own copy of these rules),
 * and the shapes the app accepts from the API. __tests__/add-custom-claims-action.test.ts
 * checks that the sample API (services/products-api/products.ts) agrees.
 */
import { z } from 'zod';

// This module is where the browser first loads zod. By default zod finds out
// whether it may compile parsers with `new Function`, by trying once; under
// the app's Content-Security-Policy (no 'unsafe-eval') that try is refused
// and reported as a violation on every page that validates. Parse without it.
z.config({ jitless: true });

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

/**
 * Exact, not within a tolerance: the price must be a whole number of cents.
 * `cents / 100` is the double nearest to that decimal, which is what parsing
 * "24.99" gives; 1e-9 or 0.1 + 0.2 are not.
 */
const isWholeCents = (value: number) => Math.round(value * 100) / 100 === value;

/** Half of a UTF-16 surrogate pair without the other half: no character at all. */
const LONE_SURROGATE = /\p{Cs}/u;
/** C0 and C1 controls: NUL, tab, line breaks, escape, … */
const CONTROL = /\p{Cc}/u;
/**
 * Bidirectional formatting characters change the order in which text is
 * displayed: "Invoice \u202Egpj.exe" shows as "Invoice exe.jpg".
 */
const REORDERS_TEXT = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/**
 * What takes no room on screen: spaces, zero-width and other default-ignorable
 * characters (which include the Hangul fillers), and the braille blank.
 */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]/gu;
const visibleLength = (text: string) => [...text.replace(INVISIBLE, '')].length;

/** A product name as people will read it: one Unicode spelling, nothing hidden or reordered. */
const productName = z
  .string({ error: 'Enter a name.' })
  // One spelling per name: "é" typed as one character or as "e" + accent is stored the same.
  .normalize('NFC')
  .trim()
  .refine((name) => !LONE_SURROGATE.test(name), {
    message: 'The name contains a broken character (half of a surrogate pair). Retype it.',
    abort: true,
  })
  .refine((name) => !CONTROL.test(name), {
    message: 'The name cannot contain control characters such as line breaks, tabs or NUL.',
    abort: true,
  })
  .refine((name) => !REORDERS_TEXT.test(name), {
    message:
      'The name cannot contain characters that change the text direction (such as U+202E): they make it read differently from what it is.',
    abort: true,
  })
  .refine((name) => visibleLength(name) >= 2, 'The name needs at least 2 visible characters.')
  .max(80, 'The name can have at most 80 characters.');

export const newProductSchema = z.object({
  name: productName,
  price: z
    .number({ error: 'Enter a price.' })
    .positive('The price must be more than 0.')
    .max(1_000_000, 'The price must be at most 1,000,000.')
    .refine(isWholeCents, 'The price can have at most 2 decimals.'),
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
