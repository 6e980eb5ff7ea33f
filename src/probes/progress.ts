// What the probes are doing, on stderr: on a TTY one live line with each running probe and its
// elapsed time; elsewhere (CI, pipes) one line per finished probe.
import type { ProbeResult } from '../model/run.js';
import { escapeControl } from '../util/control.js';

export interface ProbeProgress {
  start(id: number, label: string): void;
  finish(id: number, result: ProbeResult): void;
  stop(): void;
}

/** Package names come from the repository's package.json files: shown with control characters escaped. */
export function label(kind: string, pkg: string | null): string {
  return pkg ? `${kind} [${escapeControl(pkg)}]` : kind;
}

function outcome(r: ProbeResult): string {
  if (r.status !== 'ran') return `${r.status}: ${escapeControl(r.reason ?? '')}`;
  if (r.timedOut) return `timed out after ${(r.durationMs / 1000).toFixed(1)} s`;
  return `exit ${r.exitCode ?? r.signal} in ${(r.durationMs / 1000).toFixed(1)} s`;
}

export function createProgress(stream: NodeJS.WriteStream | null): ProbeProgress {
  if (!stream) return { start() {}, finish() {}, stop() {} };
  if (!stream.isTTY) {
    return {
      start() {},
      finish(_id, r) { stream.write(`verdict: probe ${label(r.kind, r.package)}: ${outcome(r)}\n`); },
      stop() {},
    };
  }
  const running = new Map<number, { label: string; since: number }>();
  const draw = () => {
    const now = Date.now();
    const parts = [...running.values()].map((r) => `${r.label} ${Math.round((now - r.since) / 1000)}s`);
    const line = parts.length ? `verdict: running ${parts.join(', ')}` : '';
    stream.write(`\r\x1b[K${line.slice(0, (stream.columns || 100) - 1)}`);
  };
  const timer = setInterval(draw, 500);
  timer.unref();
  return {
    start(id, l) { running.set(id, { label: l, since: Date.now() }); draw(); },
    finish(id, r) {
      running.delete(id);
      stream.write(`\r\x1b[Kverdict: probe ${label(r.kind, r.package)}: ${outcome(r)}\n`);
      draw();
    },
    stop() { clearInterval(timer); stream.write('\r\x1b[K'); },
  };
}
