import type { Department } from '@/lib/products';

const colors: Record<Department, string> = {
  engineering: 'bg-sky-50 text-sky-800 ring-sky-200',
  marketing: 'bg-pink-50 text-pink-800 ring-pink-200',
  operations: 'bg-amber-50 text-amber-900 ring-amber-200',
  sales: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
};

export function DepartmentBadge({ department }: { department: Department }) {
  return (
    <span
      className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ${colors[department]}`}
    >
      {department}
    </span>
  );
}
