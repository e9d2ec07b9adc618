// Worker thread: scores its share of the k candidates and hands the numbers back through shared memory.
import { workerData } from 'node:worker_threads';
import { scoreSomeKs } from './choose-k.js';
import type { ChooseKOptions, ScoringSample } from './choose-k.js';

interface Job {
  sample: ScoringSample;
  ks: number[];
  options: ChooseKOptions;
  /** 3 numbers per k: silhouette, stability, least segment stability */
  out: Float64Array;
  /** [0] = 0 not started, 3 running, 1 done, 2 failed */
  flag: Int32Array;
}

const job = workerData as Job;
Atomics.store(job.flag, 0, 3);
try {
  scoreSomeKs(job.sample, job.ks, job.options).forEach((s, i) => {
    job.out[i * 3] = s.silhouette;
    job.out[i * 3 + 1] = s.stability;
    job.out[i * 3 + 2] = s.minSegmentStability;
  });
  Atomics.store(job.flag, 0, 1);
} catch {
  Atomics.store(job.flag, 0, 2);
}
Atomics.notify(job.flag, 0);
