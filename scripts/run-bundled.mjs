/**
 * Runs a TypeScript entry point (`node scripts/run-bundled.mjs src/main.ts [args…]`) as one
 * esbuild bundle instead of through tsx's per-module loader hooks. The project is ~400 small
 * modules; loading them one by one through the hooks costs several seconds of CPU at every start
 * (the sandbox's goal is ≤ 15 s to a usable console on 2 cores; a restarted worker should be back
 * in seconds). Packages stay external (loaded from node_modules as usual) and dynamic imports
 * become chunks loaded on first use, so Bolt and botbuilder are only loaded when a platform is
 * configured. Stack traces point at the TypeScript sources (source maps).
 *
 * A bundle is rebuilt only when one of its inputs changed. Several processes may start at once
 * (tests, replicas): each build goes to a folder of its own and a pointer file names the current
 * one, replaced atomically, so no process ever reads a half-written bundle.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
/**
 * Worker-thread entry points, built next to the bundle under their own names: the code that
 * starts them (`new Worker(new URL('./scan-worker.js', import.meta.url))`) finds them there.
 */
const WORKER_ENTRIES = { 'scan-worker': 'src/detectors/scan-worker.ts' };
/** Builds older than this that are no longer current are removed. */
const KEEP_OLD_BUILDS_MS = 60 * 60 * 1000;

const buildOnly = process.argv[2] === '--build-only';
const [entry, ...args] = process.argv.slice(buildOnly ? 3 : 2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-bundled.mjs [--build-only] <entry.ts> [args…]\n');
  process.exit(2);
}
const name = path.basename(entry, path.extname(entry));
// Keyed by checkout too: git worktrees may share one node_modules (a symlink), and a bundle built
// from another checkout's sources must never pass for this one's (its inputs are relative paths).
const checkout = createHash('sha256').update(ROOT).digest('hex').slice(0, 12);
const home = path.join(
  ROOT,
  'node_modules',
  '.cache',
  'dbchatops-bundles',
  `${checkout}-${entry.replace(/[^\w.-]+/g, '_')}`,
);
const pointerFile = path.join(home, 'current.json');

const current = (await fresh()) ?? (await rebuild());
// `--build-only`: bring the bundle up to date and stop (a timed start should not include the build).
if (buildOnly) process.exit(0);
process.setSourceMapsEnabled(true);
process.argv = [process.argv[0], path.join(ROOT, entry), ...args];
await import(pathToFileURL(path.join(current.dir, `${name}.js`)).href);

/** The current build, unless there is none or one of its inputs is newer than it (or gone). */
async function fresh() {
  let pointer;
  try {
    pointer = JSON.parse(await readFile(pointerFile, 'utf8'));
  } catch {
    return undefined;
  }
  const times = await Promise.all(
    pointer.inputs.map((input) =>
      stat(path.join(ROOT, input)).then(
        (s) => s.mtimeMs,
        () => Infinity,
      ),
    ),
  );
  const built = await stat(path.join(pointer.dir, `${name}.js`)).then(
    () => true,
    () => false,
  );
  return built && times.every((mtime) => mtime < pointer.builtAt) ? pointer : undefined;
}

async function rebuild() {
  const builtAt = Date.now();
  const dir = path.join(home, `build-${builtAt}-${process.pid}`);
  await mkdir(dir, { recursive: true });
  const result = await build({
    entryPoints: {
      [name]: path.join(ROOT, entry),
      ...Object.fromEntries(Object.entries(WORKER_ENTRIES).map(([out, src]) => [out, path.join(ROOT, src)])),
    },
    absWorkingDir: ROOT,
    outdir: dir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    metafile: true,
  });
  const pointer = { dir, builtAt, inputs: [...Object.keys(result.metafile.inputs), 'package-lock.json'] };
  const temporary = `${pointerFile}.${process.pid}`;
  await writeFile(temporary, JSON.stringify(pointer));
  await rename(temporary, pointerFile);
  await removeOldBuilds(dir).catch(() => undefined);
  return pointer;
}

async function removeOldBuilds(keep) {
  for (const entryName of await readdir(home)) {
    const match = /^build-(\d+)-\d+$/.exec(entryName);
    const dir = path.join(home, entryName);
    if (match && dir !== keep && Date.now() - Number(match[1]) > KEEP_OLD_BUILDS_MS) {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
