import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The oldest Java that DynamoDB Local 3.x runs on; an older `java` is refused with `JavaNotFoundError` before a start is tried. */
export const MINIMUM_JAVA_MAJOR = 17;

const INSTALL_HINT = [
  `DynamoDB Local needs Java ${MINIMUM_JAVA_MAJOR} or newer.`,
  'Install a Java runtime, for example:',
  `  Debian/Ubuntu:  apt-get install -y openjdk-${MINIMUM_JAVA_MAJOR}-jre-headless`,
  `  macOS:          brew install openjdk@${MINIMUM_JAVA_MAJOR}`,
  '  Any platform:   a JDK/JRE from https://adoptium.net',
  'then make sure `java` is on PATH or JAVA_HOME points at it (or pass the javaPath option).',
  'Alternatively set DYNATX_DYNAMODB_ENDPOINT to the URL of a DynamoDB endpoint that is',
  'already running (e.g. http://127.0.0.1:8000) and nothing will be started.',
].join('\n');

/** Thrown when no usable Java runtime can be found for DynamoDB Local. */
export class JavaNotFoundError extends Error {
  override readonly name = 'JavaNotFoundError';

  constructor(
    readonly javaPath: string,
    readonly reason: string,
  ) {
    super(`Java ${MINIMUM_JAVA_MAJOR}+ is required but ${reason} (java: ${javaPath}).\n${INSTALL_HINT}`);
  }
}

/**
 * JAVA_HOME first, as Gradle and Maven do: developers with several JDKs point
 * it at the one they want, while PATH often still holds an old system Java.
 */
export function defaultJavaPath(): string {
  const home = process.env.JAVA_HOME?.trim();
  if (home !== undefined && home !== '') {
    const candidate = join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
    if (existsSync(candidate)) return candidate;
  }
  return 'java';
}

// `java -version` costs a JVM start (a few hundred ms); every engine started by
// one process would pay it again for the same answer.
const checked = new Map<string, Promise<number>>();

/**
 * Resolves to the Java major version, or rejects with JavaNotFoundError when
 * the binary is missing, broken, or too old for DynamoDB Local.
 */
export function ensureJava(javaPath: string): Promise<number> {
  let pending = checked.get(javaPath);
  if (pending === undefined) {
    pending = probeJava(javaPath);
    checked.set(javaPath, pending);
    // A failed probe is not cached: the developer may install Java and retry
    // in the same watch-mode session.
    pending.catch(() => checked.delete(javaPath));
  }
  return pending;
}

function probeJava(javaPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(javaPath, ['-version'], { timeout: 20_000 }, (error, stdout, stderr) => {
      if (error !== null) {
        const code = (error as NodeJS.ErrnoException).code;
        const reason =
          code === 'ENOENT'
            ? 'the java executable was not found'
            : code === 'EACCES'
              ? 'the java executable is not executable'
              : `\`java -version\` failed: ${error.message.trim()}`;
        reject(new JavaNotFoundError(javaPath, reason));
        return;
      }
      // Java prints its version banner on stderr.
      const banner = `${stderr}\n${stdout}`;
      const major = parseJavaMajor(banner);
      if (major === undefined) {
        // Unusual vendors format the banner differently; let DynamoDB Local
        // itself be the judge rather than refusing a possibly fine runtime.
        resolve(MINIMUM_JAVA_MAJOR);
        return;
      }
      if (major < MINIMUM_JAVA_MAJOR) {
        reject(new JavaNotFoundError(javaPath, `the installed Java is version ${major}`));
        return;
      }
      resolve(major);
    });
  });
}

/** Reads `version "17.0.2"` (modern) or `version "1.8.0_392"` (Java 8 and older). */
export function parseJavaMajor(banner: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(banner);
  if (match === null || match[1] === undefined) return undefined;
  const first = Number(match[1]);
  if (first === 1 && match[2] !== undefined) return Number(match[2]);
  return first;
}
