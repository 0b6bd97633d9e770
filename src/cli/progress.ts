/**
 * A one-line progress bar on stderr with rows/s and an ETA, redrawn at most four times a second.
 * Off a terminal (CI, a pipe) it prints a plain line every few seconds instead.
 */
export function progressBar(totalBytes: number | null) {
  const started = performance.now();
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(rows: number, bytes: number, force = false) {
      const now = performance.now();
      if (!force && now - last < (tty ? 250 : 5000)) return;
      last = now;
      const seconds = (now - started) / 1000;
      const rate = rows / Math.max(seconds, 0.001);
      const share = totalBytes ? Math.min(1, bytes / totalBytes) : null;
      const eta = share && share > 0 ? (seconds / share) * (1 - share) : null;
      const width = 24;
      const bar =
        share === null
          ? ""
          : `[${"#".repeat(Math.round(share * width)).padEnd(width, ".")}] ${(share * 100).toFixed(0).padStart(3)}% `;
      const text = `${bar}${rows.toLocaleString("en")} rows  ${Math.round(rate).toLocaleString("en")} rows/s${eta === null ? "" : `  ETA ${formatSeconds(eta)}`}`;
      process.stderr.write(tty ? `\r${text.padEnd(80)}` : `${text}\n`);
    },
    done() {
      if (tty) process.stderr.write("\n");
    },
  };
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, "0")}s`;
}
