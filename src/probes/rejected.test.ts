import { describe, expect, it } from 'vitest';
import type { PlannedProbe } from './plan.js';
import { rejection } from './rejected.js';
import type { RunResult } from './runner.js';

const planned = (added: string[], tool: PlannedProbe['tool'] = { name: 'jest', version: '29.7.0', flags: '>=27.0.0 <31.0.0' }): PlannedProbe => ({
  kind: 'tests', package: 'svc', pkgPath: '.', cwd: '/r', file: '/r/node_modules/.bin/x', args: [], reader: 'jest-json', reportFile: '/tmp/x.json',
  timeoutMs: 1000, heapMb: 512, skip: null, tool, added,
});
const result = (over: Partial<RunResult>): RunResult => ({
  command: 'x', exitCode: 1, signal: null, timedOut: false, durationMs: 10, stdout: '', stderr: '', spawnError: null, ...over,
});
const JEST = ['--ci', '--json', '--outputFile=/tmp/x.json', '--testLocationInResults'];

describe('verdict\'s invocation rejected by the tool', () => {
  it.each([
    ['cac (vitest)', 'CACError: Unknown option `--includeTaskLocation`', ['--includeTaskLocation']],
    ['yargs (jest), which drops the dashes', 'Unknown argument: testLocationInResults', JEST],
    ['commander', "error: unknown option '--reporter-option'", ['--reporter', 'json', '--reporter-option', 'output=/tmp/x.json']],
    ['optionator (eslint)', "Invalid option '--output-file' - perhaps you meant '-o'?", ['-f', 'json', '--output-file', '/tmp/x.json']],
    ['bpaf (biome)', "unexpected argument '--reporter=json' found", ['--reporter=json']],
    ['a dotted flag (vitest --outputFile.json)', 'CACError: Unknown option `--outputFile`', ['--outputFile.json=/tmp/x.json']],
  ])('%s', (_name, line, added) => {
    const why = rejection(planned(added), result({ stderr: `some banner\n${line}\n    at stack` }), false);
    expect(why).toBe(`jest 29.7.0 rejected the flags verdict added (${line})`);
  });

  it('a reporter the tool cannot load', () => {
    expect(rejection(planned(['--reporter', 'json']), result({ stderr: 'Error: invalid reporter "json"' }), false)).toBe('jest 29.7.0 rejected the flags verdict added (Error: invalid reporter "json")');
  });

  it('no report and no summary to read: the invocation gave nothing, so the repository\'s own command runs', () => {
    expect(rejection(planned(JEST), result({ exitCode: 2, stdout: 'something went wrong' }), false))
      .toBe('jest 29.7.0 exited with code 2 without the report verdict asked for or a summary verdict could read');
  });

  it('the repository\'s own bad option, a readable failing run, a timeout or a clean run are not rejections', () => {
    expect(rejection(planned(JEST), result({ stderr: 'Unknown argument: watchmen' }), true)).toBeNull();
    expect(rejection(planned(JEST), result({ stdout: 'Tests: 1 failed, 3 passed, 4 total' }), true)).toBeNull();
    expect(rejection(planned(JEST), result({ exitCode: null, timedOut: true }), false)).toBeNull();
    expect(rejection(planned(JEST), result({ exitCode: 0 }), true)).toBeNull();
    expect(rejection(planned([]), result({ stderr: 'Unknown option `--x`' }), false)).toBeNull();
  });
});
