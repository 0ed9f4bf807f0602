import { newProductSchema } from './products';

const valid = { name: 'Desk lamp', price: 24.99, department: 'sales' } as const;

/** The messages the form and the API would show for this product's fields. */
function errorsFor(input: Record<string, unknown>) {
  const result = newProductSchema.safeParse({ ...valid, ...input });
  return result.success ? null : result.error.issues.map((issue) => issue.message);
}

describe('price', () => {
  test.each([0.01, 0.1, 0.29, 1, 1.1, 19.99, 24.99, 100.07, 999_999.99, 1_000_000])(
    '%p is accepted',
    (price) => {
      expect(errorsFor({ price })).toBeNull();
    },
  );

  test.each([1e-9, 0.001, 0.005, 1.005, 24.999, 0.1 + 0.2, 19.990000001, 1_000_000 - 1e-7])(
    '%p has more than 2 decimals and is refused',
    (price) => {
      expect(errorsFor({ price })).toEqual(['The price can have at most 2 decimals.']);
    },
  );

  test.each([0, -0.01, 1_000_000.01, Number.NaN, Infinity])('%p is refused', (price) => {
    expect(errorsFor({ price })).not.toBeNull();
  });
});

describe('name', () => {
  test('is trimmed and stored in one Unicode spelling (NFC)', () => {
    const decomposed = '  Cafe\u0301 au lait\n ';
    const result = newProductSchema.parse({ ...valid, name: decomposed });
    expect(result.name).toBe('Café au lait');
    expect(result.name).toBe(result.name.normalize('NFC'));
  });

  test.each([
    'Desk lamp',
    'Été',
    'Ручка',
    'مصباح مكتب', // right-to-left text is fine; only characters that reorder it are not
    '台灯',
    'नमस्ते',
    'Café',
    'Lamp 👩‍💻', // a zero-width joiner inside an emoji sequence
    'می‌خواهم', // a zero-width non-joiner, which Persian needs
    'A+',
  ])('%j is accepted', (name) => {
    expect(errorsFor({ name })).toBeNull();
  });

  const invisible = 'The name needs at least 2 visible characters.';
  const control = 'The name cannot contain control characters such as line breaks, tabs or NUL.';
  const direction =
    'The name cannot contain characters that change the text direction (such as U+202E): they make it read differently from what it is.';
  const broken = 'The name contains a broken character (half of a surrogate pair). Retype it.';

  test.each([
    ['only zero-width spaces', '\u200B\u200B\u200B', invisible],
    ['only zero-width joiners and non-joiners', '\u200D\u200C\u200D', invisible],
    ['only word joiners and BOMs', '\u2060\uFEFF\u2060', invisible],
    ['only Hangul fillers', '\u3164\u3164', invisible],
    ['only braille blanks', '\u2800\u2800', invisible],
    ['only variation selectors and soft hyphens', '\uFE0F\u00AD\uFE0F', invisible],
    ['non-breaking and ideographic spaces', '\u00A0\u3000\u2003', invisible],
    ['one visible character padded with zero-width ones', 'X\u200B\u200B', invisible],
    ['a single character', 'X', invisible],
    ['no character at all', '', invisible],
    ['a right-to-left override', 'Invoice \u202Egpj.exe', direction],
    ['a left-to-right override', 'Lamp \u202Dabc', direction],
    ['a right-to-left embedding', 'Lamp \u202Babc\u202C', direction],
    ['a first-strong isolate', 'Lamp \u2068abc\u2069', direction],
    ['a right-to-left mark', 'Lamp\u200F 12', direction],
    ['an Arabic letter mark', 'Lamp\u061C 12', direction],
    ['a NUL', 'Lamp\u0000', control],
    ['a line break inside', 'Desk\nlamp', control],
    ['a tab inside', 'Desk\tlamp', control],
    ['an escape sequence', 'Lamp \u001B[31mred', control],
    ['a DEL', 'Lamp\u007F', control],
    ['a C1 control', 'Lamp\u0085x', control],
    ['a lone high surrogate', 'Lamp \uD83D', broken],
    ['a lone low surrogate', '\uDE00 Lamp', broken],
    ['surrogates in the wrong order', 'Lamp \uDE00\uD83D', broken],
  ])('a name with %s is refused with a message that says why', (_case, name, message) => {
    expect(errorsFor({ name })).toEqual([message]);
  });

  test('the length limit still applies', () => {
    expect(errorsFor({ name: 'x'.repeat(80) })).toBeNull();
    expect(errorsFor({ name: 'x'.repeat(81) })).toEqual([
      'The name can have at most 80 characters.',
    ]);
  });
});
