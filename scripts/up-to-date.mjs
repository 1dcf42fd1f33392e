// What lets a second `npm start` skip the install and the build: a fingerprint of each step's inputs, kept beside
// what the step produced (in node_modules, so a fresh clone or a deleted node_modules starts over).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.data', '.git', 'bench-results', 'coverage', 'test-artifacts', 'generated']);

/** Paths, sizes and modification times of every file below the roots (content is not read: this runs on every start). */
function treeFingerprint(root, paths) {
  const hash = createHash('sha256');
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (!SKIPPED_DIRS.has(entry)) visit(join(path, entry));
    } else {
      hash.update(`${relative(root, path)}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  for (const path of paths) visit(join(root, path));
  return hash.digest('hex');
}

/** The install's inputs are the lockfile and the manifests, by content (a checkout rewrites them with new times). */
function installFingerprint(root) {
  const hash = createHash('sha256');
  const manifests = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'];
  for (const dir of ['packages', 'services', 'tools']) {
    for (const name of readdirSync(join(root, dir))) manifests.push(join(dir, name, 'package.json'));
  }
  for (const file of manifests) if (existsSync(join(root, file))) hash.update(`${file}\0`).update(readFileSync(join(root, file)));
  return hash.digest('hex');
}

export function upToDate(root) {
  const stampDir = join(root, 'node_modules', '.cache', 'finops');
  const stamp = (name) => join(stampDir, `${name}.fingerprint`);
  const read = (name) => (existsSync(stamp(name)) ? readFileSync(stamp(name), 'utf8') : undefined);
  const fingerprints = {
    install: () => installFingerprint(root),
    // Everything the build reads: sources, tests (type-checked too), configs, the schema, the catalogue; and the install.
    build: () => `${installFingerprint(root)}:${treeFingerprint(root, ['packages', 'services', 'tools', 'prisma', 'tsconfig.json', 'tsconfig.base.json', 'prisma.config.ts'])}`,
  };
  return {
    /** True when the step ran before on exactly these inputs. */
    isCurrent: (name) => existsSync(join(root, 'node_modules')) && read(name) === fingerprints[name](),
    /** Records the inputs the step just ran on (taken after it, so files it wrote itself count as its inputs). */
    record: (name) => {
      mkdirSync(stampDir, { recursive: true });
      writeFileSync(stamp(name), fingerprints[name]());
    },
  };
}
