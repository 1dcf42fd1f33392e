import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { resultsTable } from './report';
import { anomalyDetection } from './scenarios/anomalies';
import { budgetStatus } from './scenarios/budget-status';
import { forecaster } from './scenarios/forecaster';
import { guardCheck } from './scenarios/guard-check';
import { guardIngest } from './scenarios/guard-ingest';
import { ingestBatch } from './scenarios/ingest-batch';
import { ingestOtlp } from './scenarios/ingest-otlp';
import { ingestSingle, ingestWithCaps } from './scenarios/ingest-single';
import { reports } from './scenarios/reports';
import type { BenchPlan, BenchResult, LibraryScenario, Scenario } from './scenarios/scenario';
import { startBenchStack } from './stack';

/* eslint-disable no-console -- a command-line report */

const scenarios: Record<string, Scenario> = {
  'ingest-single': ingestSingle,
  'ingest-batch': ingestBatch,
  reports,
  'budget-status': budgetStatus,
  forecaster,
  'ingest-with-caps': ingestWithCaps,
  'guard-check': guardCheck,
  'guard-ingest': guardIngest,
  'ingest-otlp': ingestOtlp,
};

/** Scenarios of a library alone: run after the stack has stopped (a quiet machine), and without it when only they are picked. */
const libraryScenarios: Record<string, LibraryScenario> = {
  anomalies: anomalyDetection,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
  const plan: BenchPlan = quick ? { quick, warmupSeconds: 1, runSeconds: 3, runs: 2 } : { quick, warmupSeconds: 3, runSeconds: 10, runs: 3 };
  const log = (line: string) => console.log(`[bench] ${line}`);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  log(`${quick ? 'quick' : 'full'} run on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`);

  const picked = (name: string) => !only || only.includes(name);
  const results: BenchResult[] = [];
  const stackScenarios = Object.entries(scenarios).filter(([name]) => picked(name));
  if (stackScenarios.length > 0) {
    const stack = await startBenchStack({ log });
    try {
      for (const [, scenario] of stackScenarios) results.push(...(await scenario(stack, plan, log)));
    } finally {
      await stack.stop();
    }
  }
  for (const [name, scenario] of Object.entries(libraryScenarios)) if (picked(name)) results.push(...(await scenario(plan, log)));

  const table = resultsTable(results);
  console.log(`\n${table}\n`);
  const outDir = resolve(__dirname, '../../../../bench-results');
  await mkdir(outDir, { recursive: true });
  const file = join(outDir, `bench-${quick ? 'quick-' : ''}${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ at: new Date().toISOString(), plan, machine, results }, null, 2));
  log(`results written to ${file}`);
  if (results.some((result) => result.met === false)) log('some goals were missed (see the table)');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
