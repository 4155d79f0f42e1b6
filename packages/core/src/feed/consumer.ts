/**
 * A feed consumer: an assembler, a checkpoint store and the user's handler, driven by batches
 * of records (from the poller, or from any other reader of a stream). Checkpoints are saved
 * after the outputs of each batch were handed out, together with what was emitted, so that a
 * consumer rebuilt from its store goes on exactly where the saved state says.
 */
import type { AnyEntity } from '../schema/entity-types.js';
import { atBoundary, invalidValueError } from '../errors/errors.js';
import { describeValue } from '../errors/user-text.js';
import type { ChangeFeed } from './change-feed.js';
import type { FeedOutput } from './events.js';
import { FeedAssembler, checkAssemblerOptions, type FeedAssemblerOptions, type FeedConsumerState, type StreamBatch } from './assembler.js';

/**
 * Where a consumer keeps its state between runs: the per-shard checkpoints and the recently
 * emitted transactions (`FeedConsumerState`, JSON). Put it in a file, a table, anything; the
 * default keeps it in memory (a restart of the process starts over).
 */
export interface FeedCheckpointStore {
  /** The state saved last, or undefined for a consumer that has never run. */
  load(): Promise<FeedConsumerState | undefined> | FeedConsumerState | undefined;
  /** Replaces the saved state. A consumer saves after handing out each batch's outputs. */
  save(state: FeedConsumerState): Promise<void> | void;
}

/** A checkpoint store in memory (a copy of each state saved); `saved` and `saves` for tests. */
export interface MemoryCheckpointStore extends FeedCheckpointStore {
  /** The state saved last. */
  readonly saved: FeedConsumerState | undefined;
  /** How many times a state was saved. */
  readonly saves: number;
}

/** A checkpoint store in memory: it survives rebuilding a consumer, not the process. */
export function memoryCheckpointStore(initial?: FeedConsumerState): MemoryCheckpointStore {
  let saved = initial === undefined ? undefined : structuredClone(initial);
  let saves = 0;
  return {
    load: () => (saved === undefined ? undefined : structuredClone(saved)),
    save(state) {
      saved = structuredClone(state);
      saves++;
    },
    get saved() {
      return saved;
    },
    get saves() {
      return saves;
    },
  };
}

/** Options of a feed consumer. */
export interface FeedConsumerOptions<Entities extends readonly AnyEntity[]> extends Omit<FeedAssemblerOptions, 'state'> {
  /** Called with each event (and, for the image feed, each incomplete report), in order; awaited. */
  readonly onEvent: (output: FeedOutput<Entities>) => unknown;
  /** Where checkpoints are kept. Default: in memory. */
  readonly checkpoints?: FeedCheckpointStore;
}

/**
 * A consumer of a feed from batches of stream records. `consume` feeds one shard's records,
 * hands out what they complete and saves the state; `tick` reports overdue transactions.
 *
 * What "exactly once" means here: every committed transaction is handed to `onEvent` once per
 * history of the checkpoint store. The state saved after a batch records the batch's outputs
 * as emitted; a consumer rebuilt from it (after a crash, or to scale out by shards) reads
 * again from the checkpoints and neither loses nor repeats a transaction. If `onEvent` throws,
 * or the process dies before the save, the batch's outputs are handed out again by the next
 * consumer (at least once to your handler, so deduplicate by `transactionId` in its effects),
 * and this consumer refuses further batches: rebuild it from the store.
 */
export class FeedConsumer<Entities extends readonly AnyEntity[] = readonly AnyEntity[]> {
  readonly #assembler: FeedAssembler<Entities>;
  readonly #store: FeedCheckpointStore;
  readonly #onEvent: (output: FeedOutput<Entities>) => unknown;
  #broken: unknown;

  private constructor(assembler: FeedAssembler<Entities>, store: FeedCheckpointStore, onEvent: (output: FeedOutput<Entities>) => unknown) {
    this.#assembler = assembler;
    this.#store = store;
    this.#onEvent = onEvent;
  }

  /** Builds a consumer from the store's saved state (or from the start). */
  static async open<Entities extends readonly AnyEntity[]>(feed: ChangeFeed<Entities>, options: FeedConsumerOptions<Entities>): Promise<FeedConsumer<Entities>> {
    const { store, onEvent } = atBoundary('openFeedConsumer()', () => checkConsumerOptions(feed, options));
    const state = await store.load();
    const assembler = new FeedAssembler(feed, { ...options, state });
    return new FeedConsumer(assembler, store, onEvent);
  }

  /** The assembler inside (read-only use: `lastRead`, `pending`, `stats`). */
  get assembler(): FeedAssembler<Entities> {
    return this.#assembler;
  }

  /** Feeds one shard's next records; hands out what they complete; saves the state. Resolves to the outputs. */
  async consume(batch: StreamBatch, now: number = Date.now()): Promise<FeedOutput<Entities>[]> {
    this.#usable();
    return this.#deliver(this.#assembler.push(batch, now));
  }

  /** Reports overdue transactions (image feed) and saves the state. */
  async tick(now: number = Date.now()): Promise<FeedOutput<Entities>[]> {
    this.#usable();
    return this.#deliver(this.#assembler.tick(now));
  }

  /** Marks a shard as read to its end and saves the state. */
  async finishShard(shard: string): Promise<void> {
    this.#usable();
    this.#assembler.finishShard(shard);
    await this.#store.save(this.#assembler.state());
  }

  async #deliver(outputs: FeedOutput<Entities>[]): Promise<FeedOutput<Entities>[]> {
    try {
      for (const output of outputs) await this.#onEvent(output);
      await this.#store.save(this.#assembler.state());
    } catch (error) {
      this.#broken = error;
      throw error;
    }
    return outputs;
  }

  #usable() {
    if (this.#broken !== undefined) {
      throw invalidValueError('This feed consumer stopped when its handler or its checkpoint store failed; open a new one from the store to go on');
    }
  }
}

/** A consumer's options from untyped callers: its handler, a checkpoint store, and the assembler's options. */
export function checkConsumerOptions<Entities extends readonly AnyEntity[]>(
  feed: ChangeFeed<Entities>,
  options: FeedConsumerOptions<Entities>,
): { store: FeedCheckpointStore; onEvent: (output: FeedOutput<Entities>) => unknown } {
  checkAssemblerOptions(feed, options);
  const onEvent = options?.onEvent;
  if (typeof onEvent !== 'function') throw invalidValueError('A feed consumer needs onEvent, the function that receives its events');
  const store = options.checkpoints ?? memoryCheckpointStore();
  if (typeof store !== 'object' || store === null || typeof store.load !== 'function' || typeof store.save !== 'function') {
    throw invalidValueError(`checkpoints must be a store with load() and save(state), got ${describeValue(store)}`);
  }
  return { store, onEvent };
}

/** Opens a feed consumer from its checkpoint store (see FeedConsumer). */
export function openFeedConsumer<Entities extends readonly AnyEntity[]>(feed: ChangeFeed<Entities>, options: FeedConsumerOptions<Entities>): Promise<FeedConsumer<Entities>> {
  return FeedConsumer.open(feed, options);
}
