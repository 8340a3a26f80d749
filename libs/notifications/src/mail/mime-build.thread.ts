import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { SendMailOptions } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';

/** A message compiled to the bytes that go over SMTP (or into an .eml file). */
export interface BuiltMime {
  raw: Buffer;
  envelope: { from: string; to: string[] };
  messageId: string;
}

/** Compiles a message with nodemailer's own composer: what `sendMail` would stream. */
export async function buildMime(message: SendMailOptions): Promise<BuiltMime> {
  const mime = new MailComposer(message).compile();
  const raw = await mime.build();
  const envelope = mime.getEnvelope() as { from: string; to: string[] };
  return { raw, envelope, messageId: mime.messageId() };
}

const ROLE = 'puente-mime-build';

type Answer = { id: number } & ({ built: BuiltMime } | { error: string });

/**
 * Builds MIME on a thread of its own. Composing and encoding a message is about half of what
 * sending it costs in CPU; on its own thread it runs beside the main thread's Bull, PostgreSQL and
 * SMTP work instead of taking turns with it. Where this file is not compiled JavaScript (ts-jest,
 * ts-node) there is no thread to start, and messages are built on the calling thread.
 */
export class MimeBuildThread {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (built: BuiltMime) => void; reject: (err: Error) => void }
  >();

  build(message: SendMailOptions): Promise<BuiltMime> {
    const worker = this.thread();
    if (!worker) return buildMime(message);
    const id = this.nextId++;
    return new Promise<BuiltMime>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, message });
    });
  }

  /** Whether messages are built on the thread (not where this file runs as TypeScript). */
  get threaded(): boolean {
    return __filename.endsWith('.js');
  }

  /** The running thread's id (null before the first build, or where there is no thread). */
  get threadId(): number | null {
    return this.worker?.threadId ?? null;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private thread(): Worker | null {
    if (this.worker || !this.threaded) return this.worker;
    const worker = new Worker(__filename, { workerData: { role: ROLE } });
    worker.unref(); // the worker process's other handles keep it alive while it works
    worker.on('message', (answer: Answer) => {
      const waiter = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (!waiter) return;
      if ('error' in answer) return waiter.reject(new Error(answer.error));
      // Structured cloning hands a Buffer over as a plain Uint8Array.
      const raw = answer.built.raw as Uint8Array;
      waiter.resolve({
        ...answer.built,
        raw: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength),
      });
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null; // the next build starts a new thread
      for (const waiter of this.waiting.values()) waiter.reject(err);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the MIME thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const port = parentPort!;
  port.on('message', ({ id, message }: { id: number; message: SendMailOptions }) => {
    buildMime(message).then(
      (built) => port.postMessage({ id, built } satisfies Answer),
      (err: Error) => port.postMessage({ id, error: err.message } satisfies Answer),
    );
  });
}
