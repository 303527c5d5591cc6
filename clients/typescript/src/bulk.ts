/**
 * Upserting millions of records: batches from a (possibly async) iterable, a bounded number in
 * flight, so memory stays at about `batchSize * concurrency` records whatever the input's size.
 */
import type { RecordInput } from "./types.js";

/** How {@link bulkUpsert} batches. */
export interface BulkUpsertOptions {
  /** Records per request, 1 to 10,000 (the server's limit); default 1,000. */
  readonly batchSize?: number;
  /** Requests in flight at once; default 4. */
  readonly concurrency?: number;
  /** Called after each batch is acknowledged, with the totals so far. */
  readonly onProgress?: (progress: BulkUpsertResult) => void;
}

/** What a bulk upsert wrote. */
export interface BulkUpsertResult {
  readonly upserted: number;
  readonly batches: number;
}

const MAX_BATCH = 10_000;

/** Feeds `records` to `upsert` in batches; see `Collection.bulkUpsert`. */
export async function bulkUpsert(
  upsert: (batch: RecordInput[]) => Promise<{ upserted: number }>,
  records: Iterable<RecordInput> | AsyncIterable<RecordInput>,
  options: BulkUpsertOptions,
): Promise<BulkUpsertResult> {
  const batchSize = options.batchSize ?? 1000;
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) {
    throw new RangeError(`batchSize must be an integer from 1 to ${MAX_BATCH}, not ${batchSize}`);
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, not ${concurrency}`);
  }
  let upserted = 0;
  let batches = 0;
  let failure: { error: unknown } | undefined;
  const inFlight = new Set<Promise<void>>();

  const send = (batch: RecordInput[]) => {
    const request = upsert(batch).then(
      (answer) => {
        upserted += answer.upserted;
        batches += 1;
        options.onProgress?.({ upserted, batches });
      },
      (error: unknown) => {
        failure ??= { error };
      },
    ).finally(() => inFlight.delete(request));
    inFlight.add(request);
  };

  let batch: RecordInput[] = [];
  try {
    for await (const record of records) {
      batch.push(record);
      if (batch.length === batchSize) {
        send(batch);
        batch = [];
        // Wait for a free slot before reading further, so a huge input is never all in memory.
        while (inFlight.size >= concurrency && failure === undefined) {
          await Promise.race(inFlight);
        }
        if (failure !== undefined) {
          break;
        }
      }
    }
  } catch (error) {
    // The input itself failed (a file that could not be read, say): let the batches sent settle first.
    await Promise.allSettled(inFlight);
    throw error;
  }
  if (failure === undefined && batch.length > 0) {
    send(batch);
  }
  await Promise.all(inFlight);
  if (failure !== undefined) {
    throw failure.error;
  }
  return { upserted, batches };
}
