// Node's inspector: `--inspect`, `--inspect-brk` and `--inspect-wait` open a debugging port whose
// protocol runs any code in the process (Runtime.evaluate) with no authentication. It binds to
// 127.0.0.1:9229 unless a host is given (`--inspect=0.0.0.0:9229`); a host that is not loopback lets
// anyone who reaches the port run code in the service.
import { isLoopbackHost } from './loopback.js';

export interface InspectorFlag {
  flag: string;
  example: string;
  source: string;
}

export const INSPECTOR_FLAGS: readonly InspectorFlag[] = [
  { flag: '--inspect', example: 'node --inspect=0.0.0.0:9229 dist/main.js', source: 'https://nodejs.org/api/cli.html#--inspecthostport ("binding the inspector to a public IP:port combination is insecure, as it allows external hosts to connect to the inspector and perform a remote code execution attack")' },
  { flag: '--inspect-brk', example: 'node --inspect-brk=0.0.0.0 dist/main.js', source: 'https://nodejs.org/api/cli.html#--inspect-brkhostport' },
  { flag: '--inspect-wait', example: 'node --inspect-wait=[::]:9229 dist/main.js', source: 'https://nodejs.org/api/cli.html#--inspect-waithostport' },
];

/** Binaries that hand `--inspect` options placed before the script to Node's inspector. */
export const INSPECTOR_BINS: readonly string[] = ['node', 'nodejs', 'nodemon', 'tsx'];

/** The default port of the inspector. */
export const INSPECTOR_PORT = 9229;

export interface InspectorUse {
  /** The option as written (`--inspect=0.0.0.0:9229`). */
  shown: string;
  /** The host it binds: `127.0.0.1` when none is given; null when it comes from a variable. */
  host: string | null;
  port: number | null;
  /** The host reaches beyond the machine (or container). */
  public: boolean | null;
}

/** What one `--inspect[=[host:]port]` option binds; null when the word is no inspector option. */
export function inspectorOption(word: string): InspectorUse | null {
  const m = /^(--inspect(?:-brk|-wait)?)(?:=(.*))?$/.exec(word.replace(/^["']|["']$/g, ''));
  if (!m) return null;
  const value = m[2] ?? '';
  if (value.includes('$')) return { shown: word, host: null, port: null, public: null };
  let host = '127.0.0.1';
  let port: number | null = INSPECTOR_PORT;
  if (/^\d+$/.test(value)) port = Number(value);
  else if (value !== '') {
    const hp = /^\[([^\]]+)\](?::(\d+))?$/.exec(value) ?? /^([^:]+)(?::(\d+))?$/.exec(value);
    if (hp) {
      host = hp[1];
      port = hp[2] ? Number(hp[2]) : INSPECTOR_PORT;
    } else host = value;
  }
  return { shown: word, host, port, public: !isLoopbackHost(host) };
}

const RUNNERS = new Set(['npx', 'exec', 'env', 'cross-env', 'dotenv', 'env-cmd', 'bunx', 'time', 'nice', '--']);

/**
 * The inspector option a command's words open: an option of `node` (or a tool that passes it on)
 * before the script it runs, or one inside a `NODE_OPTIONS=` assignment in front of the command.
 */
export function inspectorIn(words: readonly string[]): InspectorUse | null {
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    const assign = /^NODE_OPTIONS=(.*)$/.exec(w);
    if (assign) {
      const found = inspectorInOptions(assign[1].replace(/^["']/, ''));
      if (found) return found;
      i++;
      continue;
    }
    if (/^[A-Za-z_]\w*=/.test(w) || RUNNERS.has(w) || (i > 0 && RUNNERS.has(words[i - 1]) && w.startsWith('-'))) { i++; continue; }
    break;
  }
  const bin = (words[i] ?? '').slice((words[i] ?? '').lastIndexOf('/') + 1);
  if (!INSPECTOR_BINS.includes(bin)) return null;
  for (const w of words.slice(i + 1)) {
    if (!w.startsWith('-')) break;
    const found = inspectorOption(w);
    if (found) return found;
  }
  return null;
}

/** The inspector option in a NODE_OPTIONS value (`--max-old-space-size=512 --inspect=0.0.0.0`). */
export function inspectorInOptions(value: string): InspectorUse | null {
  for (const w of value.split(/\s+/)) {
    const found = inspectorOption(w);
    if (found) return found;
  }
  return null;
}
