// `pachca-roster validate --json | head -c 10`: once the reader is gone, writes to stdout fail
// with EPIPE. Without a listener that error is thrown as an uncaught exception (a stack trace).
// The output is dropped quietly instead and the command finishes what it started: an import
// cut off mid-way by a closed pipe would leave the directory half-changed.

let installed = false;

function dropOutputOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    // Later writes to the closed pipe are discarded rather than failing again.
    stream.write = (() => true) as typeof stream.write;
  });
}

/** Installs the EPIPE handling on stdout and stderr once per process. */
export function quietOnBrokenPipe(): void {
  if (installed) return;
  installed = true;
  dropOutputOnBrokenPipe(process.stdout);
  dropOutputOnBrokenPipe(process.stderr);
}
