import cliProgress from 'cli-progress';
import type { BackfillProgress } from '../backfill/backfill-context.ts';

/**
 * A bar per phase on a terminal (cli-progress); plain lines every tenth of
 * the way otherwise (pipes, CI logs). Item lines (sent, review, failed) are
 * printed as they happen, above the bar.
 */
export function makeBackfillProgress(out: NodeJS.WriteStream): BackfillProgress {
  if (out.isTTY) {
    let bar: cliProgress.SingleBar | null = null;
    return {
      start(phase, total) {
        bar?.stop();
        bar = new cliProgress.SingleBar(
          {
            format: `${phase.padEnd(6)} [{bar}] {value}/{total} {percentage}% eta {eta_formatted}`,
            stream: out,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      },
      tick(by = 1) {
        bar?.increment(by);
      },
      stop() {
        bar?.stop();
        bar = null;
      },
      line(text) {
        // cli-progress redraws on the next update; clearing the line first keeps the text readable.
        out.write(`\r\x1b[K${text}\n`);
      },
    };
  }
  let phase = '';
  let total = 0;
  let done = 0;
  let lastTenth = -1;
  return {
    start(name, n) {
      phase = name;
      total = n;
      done = 0;
      lastTenth = -1;
      out.write(`${name}: ${n ? `${n} items` : 'started'}\n`);
    },
    tick(by = 1) {
      done += by;
      const tenth = total ? Math.floor((done / total) * 10) : Math.floor(done / 1000);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        out.write(`${phase}: ${done}${total ? `/${total}` : ''}\n`);
      }
    },
    stop() {
      if (phase) out.write(`${phase}: done (${done})\n`);
      phase = '';
    },
    line(text) {
      out.write(`${text}\n`);
    },
  };
}
