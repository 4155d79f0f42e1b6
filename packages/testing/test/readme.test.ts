/**
 * The README's complete example is the code of packages/examples/test/readme-example, which
 * the suite type-checks and runs; this keeps the two the same. And every export is documented.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import * as vitestApi from '../src/vitest.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const exampleDir = new URL('../../examples/test/readme-example/', import.meta.url);

/** The ```ts block whose first line is `// <file>...`. */
function block(file: string): string | undefined {
  for (const match of readme.matchAll(/```ts\n([\s\S]*?)```/g)) {
    const code = match[1] ?? '';
    if (code.startsWith(`// ${file}\n`) || code.startsWith(`// ${file}:`)) return code;
  }
  return undefined;
}

describe('README', () => {
  it.for(['orders.ts', 'orders.test.ts'])('shows %s exactly as the tested example has it', (file) => {
    const documented = block(file);
    expect(documented, `a \`\`\`ts block starting with "// ${file}"`).toBeDefined();
    expect(documented).toBe(readFileSync(new URL(file, exampleDir), 'utf8'));
  });

  it('mentions every export of the package', () => {
    const names = [...Object.keys(api), ...Object.keys(vitestApi).filter((name) => name !== 'default')];
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter((name) => !readme.includes(name))).toEqual([]);
  });
});
