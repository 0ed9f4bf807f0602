/**
 * The products, kept in memory for the life of the process: a stand-in for
 * your database. New products are lost on restart, on purpose.
 */
import type { Department, NewProduct, Product } from './products';

const seed: Omit<Product, 'id'>[] = [
  { name: 'Standing desk', price: 499, department: 'operations' },
  { name: 'Ergonomic chair', price: 329.5, department: 'operations' },
  { name: 'Office coffee beans (5 kg)', price: 89.9, department: 'operations' },
  { name: 'CRM seat, yearly', price: 1200, department: 'sales' },
  { name: 'Trade show booth', price: 4500, department: 'sales' },
  { name: 'Demo laptop', price: 1849.99, department: 'sales' },
  { name: 'Brand style guide', price: 2400, department: 'marketing' },
  { name: 'Conference sponsorship', price: 8000, department: 'marketing' },
  { name: 'Stock photo subscription', price: 29.99, department: 'marketing' },
  { name: 'CI minutes pack', price: 250, department: 'engineering' },
  { name: '4K monitor', price: 379, department: 'engineering' },
  { name: 'Mechanical keyboard', price: 149.95, department: 'engineering' },
];

export function createProductsStore() {
  const products: Product[] = seed.map((product, index) => ({
    id: `p${String(index + 1).padStart(3, '0')}`,
    ...product,
  }));
  // Ids are never reused, even if products are one day deleted.
  let nextId = products.length;

  return {
    /** `'all'` for callers who may see every department. */
    list(departments: Department[] | 'all'): Product[] {
      return departments === 'all'
        ? [...products]
        : products.filter((product) => departments.includes(product.department));
    },
    find(id: string, departments: Department[] | 'all'): Product | undefined {
      return this.list(departments).find((product) => product.id === id);
    },
    add(input: NewProduct): Product {
      nextId += 1;
      const product = { id: `p${String(nextId).padStart(3, '0')}`, ...input };
      products.push(product);
      return product;
    },
  };
}

export type ProductsStore = ReturnType<typeof createProductsStore>;
