/**
 * The repository README's TypeScript, held to what it claims.
 *
 * The README shows three blocks: the entities (collapsed), a transaction that runs, and the
 * calls the compiler rejects, each followed by a comment whose `~~~` underlines the token the
 * error is reported on and whose text quotes the error. This file
 * - compiles the three blocks as one module, against the built packages, and requires that
 *   every error sits exactly under a `~~~` (line and column), that every `~~~` has its error,
 *   and that each quoted fragment (the text between `...` elisions) appears in the error;
 * - runs the first two blocks against DynamoDB Local and requires the printed summary to be
 *   the one the README shows in the comment under `console.log(result.summary)`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTableFor } from '@dynatx/testing';
import type { Entity } from 'electrodb';
import { useDynamoDB } from '@dynatx/testing/vitest';
import ts from 'typescript';
import { afterAll, describe, expect, test, vi } from 'vitest';

const examplesDir = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(examplesDir, '../../README.md'), 'utf8');

/** The README's ```ts blocks, in order. */
function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
}

const blocks = tsBlocks(readme);
const [entitiesBlock = '', exampleBlock = '', rejectionsBlock = ''] = blocks;

interface ExpectedError {
  /** 0-based line and column of the underlined token in the compiled text. */
  line: number;
  column: number;
  /** Fragments of the quoted message, each of which must appear in the error. */
  fragments: string[];
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The `~~~` markers of `source`: a comment line with tildes underlines the nearest code line
 * above it; the comment lines after it (up to the next code line) continue its message.
 */
function expectedErrors(source: string): ExpectedError[] {
  const lines = source.split('\n');
  const found: ExpectedError[] = [];
  let codeLine = -1;
  for (let i = 0; i < lines.length; i += 1) {
    const text = lines[i] ?? '';
    const comment = /^\s*\/\/(.*)$/.exec(text);
    if (comment === null) {
      codeLine = i;
      continue;
    }
    const tildes = /~+/.exec(text);
    if (tildes === null) {
      const last = found.at(-1);
      if (last !== undefined && last.line === codeLine) last.fragments.push(comment[1] ?? '');
      continue;
    }
    found.push({ line: codeLine, column: tildes.index, fragments: [text.slice(tildes.index + tildes[0].length)] });
  }
  // A message wraps across comment lines: join its pieces, then split at the elisions.
  for (const error of found) {
    error.fragments = collapse(error.fragments.join(' '))
      .split('...')
      .map((fragment) => fragment.trim())
      .filter((fragment) => fragment.length > 0);
  }
  return found;
}

describe('the README compiles as it says', () => {
  test('it has the three blocks: entities, a transaction, rejections', () => {
    expect(blocks).toHaveLength(3);
    expect(entitiesBlock).toContain('new Entity(');
    expect(exampleBlock).toContain('.execute(client)');
    expect(rejectionsBlock).toContain('~~~');
  });

  test('every rejection is where the README underlines it and says what the README quotes', () => {
    const source = [entitiesBlock, exampleBlock, rejectionsBlock].join('\n');
    // A file next to the examples' sources, so that @dynatx/core, electrodb and the SDK
    // resolve as they do for a user; it exists only in the compiler host below.
    const fileName = join(examplesDir, 'test', '__readme__.ts');
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (name) => (name === fileName ? source : readFile(name));
    host.fileExists = (name) => name === fileName || ts.sys.fileExists(name);
    host.getSourceFile = (name, language, ...rest) =>
      name === fileName ? ts.createSourceFile(name, source, language, true) : getSourceFile(name, language, ...rest);
    const program = ts.createProgram([fileName], options, host);
    const file = program.getSourceFile(fileName);
    expect(file).toBeDefined();

    const actual = ts.getPreEmitDiagnostics(program, file).map((diagnostic) => {
      const at = file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      return {
        line: at.line,
        column: at.character,
        message: collapse(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
      };
    });
    const offset = (entitiesBlock + '\n' + exampleBlock + '\n').split('\n').length - 1;
    const expected = expectedErrors(rejectionsBlock).map((error) => ({ ...error, line: error.line + offset }));

    expect(expected.length).toBeGreaterThan(0);
    // Exactly the underlined places, no more, no fewer.
    expect(actual.map(({ line, column }) => `${line + 1}:${column + 1}`)).toEqual(
      expected.map(({ line, column }) => `${line + 1}:${column + 1}`),
    );
    for (const error of expected) {
      const message = actual.find((diagnostic) => diagnostic.line === error.line)?.message ?? '';
      for (const fragment of error.fragments) expect(message, `README line ${error.line + 1}`).toContain(fragment);
    }
  });
});

describe('the README runs as it says', () => {
  const dynamodb = useDynamoDB();
  const scratch = join(examplesDir, '.dynatx-tmp', `readme-${process.pid}`);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('the transaction is cancelled by the tenant check, and the summary reads as shown', async () => {
    const printed = /console\.log\(result\.summary\);\n\/\/ (.*)\n/.exec(exampleBlock)?.[1];
    expect(printed, 'the README shows the summary under console.log(result.summary)').toBeDefined();

    // The entities block becomes a module of its own, so that the test can point its entities
    // at a fresh table before the example (which imports them) runs.
    const transpile = (code: string): string =>
      ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } })
        .outputText;
    mkdirSync(scratch, { recursive: true });
    const entitiesFile = join(scratch, 'entities.mjs');
    const exampleFile = join(scratch, 'example.mjs');
    writeFileSync(entitiesFile, transpile(`${entitiesBlock}\nexport { Tenant, Counter, Event, client };\n`));
    writeFileSync(
      exampleFile,
      transpile(`import { Tenant, Counter, Event, client } from './entities.mjs';\n${exampleBlock}`),
    );

    // `new DynamoDBClient({})` in the README takes its endpoint, region and credentials from
    // the environment, as it would on a user's machine.
    const environment: Record<string, string> = {
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    };
    const saved = Object.fromEntries(Object.keys(environment).map((name) => [name, process.env[name]]));
    Object.assign(process.env, environment);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const entities = (await import(pathToFileURL(entitiesFile).href)) as Record<
        'Tenant' | 'Counter' | 'Event',
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        Entity<any, any, any, any>
      >;
      const tableName = `audit-readme-${process.pid}`;
      await createTableFor(dynamodb.client, [entities.Tenant, entities.Counter, entities.Event], { tableName });
      for (const entity of [entities.Tenant, entities.Counter, entities.Event]) entity.setTableName(tableName);
      await import(pathToFileURL(exampleFile).href);
      expect(log.mock.calls).toEqual([[printed]]);
    } finally {
      log.mockRestore();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
