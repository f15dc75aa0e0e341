// Time that grows with the input, measured as a ratio inside the test (never a wall-clock limit),
// so that a loaded 2-core machine makes it no flakier: the process's own CPU time (other processes
// waiting for a core do not count), a warm-up, then the best of several runs.

/** Milliseconds of CPU this process spent (user and system). */
function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function best(run: () => void, repeats: number): number {
  let fastest = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = cpuNow();
    run();
    fastest = Math.min(fastest, cpuNow() - start);
  }
  return fastest;
}

export interface Growth {
  small: number;
  large: number;
  ratio: number;
}

/**
 * How much longer `run` takes on an input `factor` times larger. The small case is repeated until
 * it takes a measurable time, so that timer resolution does not inflate the ratio.
 */
export function growth<T>(make: (size: number) => T, run: (input: T) => void, size: number, factor = 10, tries = 4): Growth {
  const smallInput = make(size);
  const largeInput = make(size * factor);
  run(smallInput); // warm-up: JIT and caches
  run(largeInput);
  let loops = 1;
  while (best(() => run(smallInput), 1) * loops < 10 && loops < 1024) loops *= 2;
  const attempt = (): Growth => {
    const small = best(() => {
      for (let i = 0; i < loops; i++) run(smallInput);
    }, 5) / loops;
    const large = best(() => run(largeInput), 3);
    return { small, large, ratio: large / Math.max(small, 1e-3) };
  };
  // Further tries only when one looks bad: a busy machine (or a collection) can stall one timed run.
  let result = attempt();
  for (let tried = 1; tried < tries && result.ratio > 20; tried++) {
    const again = attempt();
    if (again.ratio < result.ratio) result = again;
  }
  return result;
}

export function describeGrowth(g: Growth, factor = 10): string {
  return `${factor}× the input took ${g.ratio.toFixed(1)}× the time (${g.small.toFixed(2)} ms → ${g.large.toFixed(2)} ms)`;
}
