import { DepartmentBadge } from '@/components/department-badge';
import type { Product } from '@/lib/products';

const price = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export function ProductList({ products }: { products: Product[] }) {
  return (
    <ul
      aria-label="Products"
      className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm"
    >
      {products.map((product) => (
        <li
          key={product.id}
          className="flex flex-wrap items-center justify-between gap-3 px-5 py-4"
        >
          <div className="min-w-0">
            <p className="font-medium text-slate-900">{product.name}</p>
            <div className="mt-1">
              <DepartmentBadge department={product.department} />
            </div>
          </div>
          <p className="font-semibold text-slate-900 tabular-nums">{price.format(product.price)}</p>
        </li>
      ))}
    </ul>
  );
}

export function ProductListSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading products"
      className="space-y-px overflow-hidden rounded-xl border border-slate-200 bg-white"
    >
      {[0, 1, 2, 3].map((row) => (
        <div key={row} className="flex items-center justify-between px-5 py-4">
          <div className="space-y-2">
            <div className="h-4 w-48 animate-pulse rounded bg-slate-100" />
            <div className="h-4 w-20 animate-pulse rounded-full bg-slate-100" />
          </div>
          <div className="h-4 w-16 animate-pulse rounded bg-slate-100" />
        </div>
      ))}
    </div>
  );
}
