/** Prints "label: n/total" on one line (rewritten in place at a terminal), so long jobs show they are moving. */
export function progress(label: string, total: number) {
  let done = 0;
  const tty = process.stdout.isTTY;
  const print = () => {
    const line = `${label}: ${done}/${total}`;
    if (tty) process.stdout.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) console.log(line);
  };
  return {
    tick(n = 1) { done = Math.min(total, done + n); print(); },
  };
}
