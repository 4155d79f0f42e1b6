// The compiler options the type-check scripts judge their fixtures with: strict, NodeNext, as a
// user's project would compile against the built .d.ts (test/identity-agreement.test.ts uses the
// same, written out, being TypeScript).
import ts from 'typescript';

export const fixtureCompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true,
  noEmit: true,
  types: [],
};
