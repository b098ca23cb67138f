// Runs a child process with the terminal, passing SIGINT/SIGTERM/SIGHUP on to it and ending the way it ended: a
// process manager that signals this wrapper (npm, systemd, Docker) stops the child too instead of orphaning it.
import { spawn } from 'node:child_process';

const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Spawns `command args` with stdio inherited; exits this process with the child's code (or dies by its signal),
 * printing `failure` first when the child failed.
 */
export function runForwardingSignals(command, args, options = {}, failure) {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  const forward = (signal) => child.kill(signal);
  for (const signal of forwarded) process.on(signal, forward);
  child.on('error', (e) => {
    console.error(`无法启动 ${command}:${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of forwarded) process.off(s, forward);
    if ((signal || code) && failure) console.error(failure);
    if (signal)
      process.kill(process.pid, signal); // no handler left: this process ends by the same signal
    else process.exit(code ?? 1);
  });
}
