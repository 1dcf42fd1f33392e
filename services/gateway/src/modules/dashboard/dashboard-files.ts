import { dirname, join } from 'node:path';

/**
 * Where the dashboard's build lands (packages/dashboard/dist), found through the workspace package so it does not
 * depend on where this file was compiled to; undefined when the package is not installed at all.
 */
export function builtDashboardDir(): string | undefined {
  try {
    return join(dirname(require.resolve('@finops/dashboard/package.json')), 'dist');
  } catch {
    return undefined;
  }
}
