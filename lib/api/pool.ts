/**
 * A small pool of worker threads with a bounded queue: at most `workers` jobs
 * run at once, at most `queue` more wait, and anything beyond is refused at
 * once (the caller answers 503), so a burst costs bounded memory and time.
 */
import { Worker } from "node:worker_threads";
import type { GenerateRequest, GenerateResult } from "./generate-job";

type Job = { request: GenerateRequest; resolve: (result: GenerateResult) => void; reject: (error: Error) => void };

type Slot = { worker: Worker; job: Job | null };

export type PoolOptions = {
  workers: number;
  queue: number;
  /** How a worker starts; by default the bundled generate.worker.ts (the bundler follows this `new URL`). */
  startWorker?: () => Worker;
};

const startGeneratorWorker = () => new Worker(new URL("./generate.worker.ts", import.meta.url));

export class GeneratorPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Job[] = [];

  constructor(private readonly options: PoolOptions) {}

  /** True when a new job would be refused: every worker busy and the queue full. */
  get full(): boolean {
    return this.idleSlot() === undefined && this.slots.length >= this.options.workers && this.waiting.length >= this.options.queue;
  }

  /** The job's result, or null when the pool is full. Rejects if its worker dies. */
  run(request: GenerateRequest): Promise<GenerateResult> | null {
    if (this.full) return null;
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  private idleSlot(): Slot | undefined {
    return this.slots.find((slot) => slot.job === null);
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const slot = this.idleSlot() ?? (this.slots.length < this.options.workers ? this.spawn() : undefined);
      if (!slot) return;
      const job = this.waiting.shift()!;
      slot.job = job;
      // A running job keeps the process alive; an idle worker does not.
      slot.worker.ref();
      slot.worker.postMessage(job.request);
    }
  }

  private spawn(): Slot {
    const worker = (this.options.startWorker ?? startGeneratorWorker)();
    const slot: Slot = { worker, job: null };
    worker.on("message", (result: GenerateResult) => {
      const job = slot.job;
      slot.job = null;
      worker.unref();
      job?.resolve(result);
      this.dispatch();
    });
    // A crashed worker fails its job and leaves the pool; the next dispatch starts a fresh one.
    const retire = (error: Error) => {
      this.slots.splice(this.slots.indexOf(slot), 1);
      slot.job?.reject(error);
      slot.job = null;
      this.dispatch();
    };
    worker.on("error", retire);
    worker.on("exit", (code) => {
      if (this.slots.includes(slot)) retire(new Error(`the generator worker exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }
}
