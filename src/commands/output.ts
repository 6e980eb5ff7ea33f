// Where a report may be written. A special file system (/proc, /sys, debugfs, cgroups, ...) takes
// writes in ways no report survives: a write under /proc looped forever. The user's own shell
// streams (/dev/stdout, /dev/stderr, /dev/null, /dev/fd/N of a process substitution) are fine.
import { existsSync, mkdirSync, realpathSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';

const STREAMS = /^\/dev\/(?:stdout|stderr|null|fd\/\d+)$/;
const SPECIAL_PATH = /^\/(?:proc|sys|dev)(?:\/|$)/;
/** statfs magic numbers of the kernel's virtual file systems (linux/magic.h). */
const SPECIAL_FS = new Map<number, string>([
  [0x9fa0, 'proc'], [0x62656572, 'sysfs'], [0x64626720, 'debugfs'], [0x74726163, 'tracefs'], [0x73636673, 'securityfs'],
  [0x63677270, 'cgroup2'], [0x27e0eb, 'cgroup'], [0x62656570, 'configfs'], [0xcafe4a11, 'bpf'], [0x1cd1, 'devpts'],
  [0xde5e81e4, 'efivarfs'], [0x6165676c, 'pstore'], [0x65735543, 'fusectl'],
]);

/** The path with the symlinks of its nearest existing ancestor resolved (the rest does not exist yet). */
function realTarget(abs: string): { real: string; existing: string } {
  const rest: string[] = [];
  let existing = abs;
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  const base = realpathSync(existing);
  return { real: join(base, ...rest), existing: base };
}

/** Throws a UsageError naming the option when `file` is not somewhere a report can be written. */
export function checkOutputPath(file: string, flag: string): void {
  const abs = resolve(file);
  if (STREAMS.test(abs)) return;
  const { real, existing } = realTarget(abs);
  const say = (why: string) => new UsageError(`${flag} ${file}: ${why}; write the report to a regular file (or /dev/stdout)`);
  if (SPECIAL_PATH.test(real)) throw say(`${real} is on a special file system`);
  let type: number | null = null;
  try { type = statfsSync(existing).type; } catch { /* no statfs here: the path checks stand */ }
  const fs = type === null ? undefined : SPECIAL_FS.get(type);
  if (fs) throw say(`${real} is on a special file system (${fs})`);
  if (existsSync(real)) {
    const st = statSync(real);
    if (st.isDirectory()) throw say('it is a folder');
    if (!st.isFile()) throw say('it is not a regular file (a device, a pipe or a socket)');
  }
}

/** Writes a report, creating its folder; errors name the option and the file. */
export function writeOutput(file: string, text: string, flag: string): void {
  checkOutputPath(file, flag);
  try {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    writeFileSync(resolve(file), text);
  } catch (err) {
    throw new UsageError(`${flag} ${file}: cannot write (${(err as Error).message})`);
  }
}
