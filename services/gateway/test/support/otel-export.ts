import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export type ExporterProtocol = 'http/protobuf' | 'http/json';
export type AttributeMap = Record<string, string | number | boolean | string[] | number[]>;

export interface SdkSpan {
  name: string;
  attributes: AttributeMap;
  startMs: number;
  endMs: number;
  /** Index of an earlier span in the same list. */
  parent?: number;
}

export interface SdkExport {
  url: string;
  apiKey: string;
  protocol: ExporterProtocol;
  compression: 'gzip' | 'none';
  resource: AttributeMap;
  spans: SdkSpan[];
  /** 1: exported once; more: the same spans sent again that many times minus one. */
  exports: number;
}

const run = promisify(execFile);

/** Runs the official OpenTelemetry JS SDK in its own process; resolves with each export's result code (0 = success). */
export async function exportWithOtelSdk(input: SdkExport): Promise<number[]> {
  const { stdout } = await run(process.execPath, [join(__dirname, 'otel-export-process.cjs'), JSON.stringify(input)], { cwd: join(__dirname, '..', '..') });
  return (JSON.parse(stdout) as { codes: number[] }).codes;
}
