/**
 * The change feed's consumer core: a pure, deterministic state machine that turns stream
 * records, tagged by shard, into one output per committed transaction. Both runners drive it:
 * the poller (`poller.ts`) and, record by record, the Lambda handler's logic mirrors it in a
 * state table (`lambda-handler.ts`).
 *
 * Nothing here reads a clock or does I/O: time comes in as `now`, and everything that must
 * survive a restart comes out as a JSON-able `FeedConsumerState`.
 */
import type { AnyEntity } from '../schema/entity-types.js';
import { atBoundary, invalidValueError } from '../errors/errors.js';
import { describeValue, shownText } from '../errors/user-text.js';
import { isPlainObject } from '../schema/marshal.js';
import { isChangeFeed, type ChangeFeed } from './change-feed.js';
import { expectedItems, imagesOutput, transactionEvent, type FeedOutput } from './events.js';
import { compareSequence, decodeRecord, type DecodedManifest, type DecodedRecord, type ItemChange, type StreamRecord } from './stream-records.js';

/**
 * `intent`: one event per committed transaction, from its manifest record alone, as soon as it
 * arrives. `image`: the manifest plus the stream records of its puts and updates (found by
 * the marker), handed out together once all have arrived, or reported incomplete after the wait.
 */
export type FeedMode = 'intent' | 'image';

/** Options of a feed assembler (and of the runners that drive one). */
export interface FeedAssemblerOptions {
  /** Default `intent`. */
  readonly mode?: FeedMode;
  /**
   * Image feed: how long (ms) a transaction may wait for its item records, counted from its
   * first record; then it is reported incomplete rather than holding up the feed. Default 30 s.
   */
  readonly waitMs?: number;
  /** Image feed: the tables whose streams are read, besides the feed's table. Puts and updates on other tables get no image. */
  readonly imageTables?: readonly string[];
  /** State saved by an earlier assembler (its `state()`): go on where it stopped. */
  readonly state?: FeedConsumerState;
}

/**
 * What a consumer must keep across a restart, as JSON. A restart from it neither loses nor
 * repeats a transaction, provided records are read again from `checkpoints`.
 */
export interface FeedConsumerState {
  readonly version: 1;
  readonly feed: string;
  readonly mode: FeedMode;
  /**
   * Per shard, the last sequence number up to which every record is settled: no transaction
   * still waiting needs it. Read a shard again AFTER this sequence number (from its start
   * when it has none).
   */
  readonly checkpoints: Readonly<Record<string, string>>;
  /**
   * Transactions already handed out (events and incomplete reports) some of whose records lie
   * after a checkpoint, so may come again; each with the last sequence number of its records
   * per shard. Dropped once every checkpoint has passed them. So its size is the traffic
   * since the oldest record that a waiting transaction holds: at most `waitMs` of it in the
   * image feed, next to nothing in the intent feed. It is saved after every batch.
   */
  readonly emitted: readonly { readonly transactionId: string; readonly through: Readonly<Record<string, string>> }[];
  /** Shards read to their end (closed shards). */
  readonly finishedShards: readonly string[];
}

/** Records of one shard, in the shard's order. `table`: the table whose stream the shard is of (default: the feed's). */
export interface StreamBatch {
  readonly shard: string;
  readonly table?: string;
  readonly records: readonly StreamRecord[];
}

/** Counters, for tests, logs and benchmarks. */
export interface FeedAssemblerStats {
  /** Records read (duplicates included). */
  readonly records: number;
  /** Records ignored because their shard had been read past them already (re-deliveries). */
  readonly duplicates: number;
  readonly events: number;
  readonly incomplete: number;
  /** Marked item records whose manifest did not arrive within the wait (another feed's, or a lost manifest). */
  readonly droppedItemRecords: number;
  /** Complete transactions let out after twice the wait although an earlier one on an item was still out (never with a feed's own records). */
  readonly outOfOrder: number;
}

interface Held {
  readonly shard: string;
  readonly seq: string;
  /** The shard's previous record read: a checkpoint that keeps this record. */
  readonly prev: string | undefined;
}

interface Pending {
  readonly id: string;
  manifest: DecodedManifest | undefined;
  manifestHeld: Held | undefined;
  expected: Map<string, number> | undefined;
  readonly changes: Map<string, { readonly change: ItemChange; readonly held: Held }>;
  readonly firstSeenAt: number;
}

const DEFAULT_WAIT_MS = 30_000;

/** A record of a batch, read and checked before the batch changes anything. */
interface ReadRecord {
  readonly seq: string;
  readonly decoded: DecodedRecord;
}

/**
 * The consumer core of a change feed. Feed it batches of records by shard (`push`), call
 * `tick` now and then (it reports overdue transactions), and save `state()` after handing out
 * what they returned.
 *
 * Guarantees, given that each shard's records come in the shard's order (re-deliveries and
 * restarts allowed, other shards interleaved in any way):
 * - every committed transaction whose manifest arrives is handed out once (intent: an event;
 *   image: an event when all its put and update records arrived, else an incomplete report);
 * - nothing is handed out without a manifest: no event is invented;
 * - image feed: two transactions that wrote the same item come out in the order of that
 *   item's records (a later one waits until the earlier one is out or reported);
 * - its memory holds only transactions in flight and the emitted ones a checkpoint could bring again.
 */
export class FeedAssembler<Entities extends readonly AnyEntity[] = readonly AnyEntity[]> {
  readonly #feed: ChangeFeed<Entities>;
  readonly #mode: FeedMode;
  readonly #waitMs: number;
  readonly #tables: ReadonlySet<string>;
  readonly #watermarks = new Map<string, string>();
  readonly #restored = new Map<string, string>();
  readonly #pending = new Map<string, Pending>();
  /** Per item: the transactions with an unsettled record of it, in the order of those records. */
  readonly #queues = new Map<string, string[]>();
  readonly #emitted = new Map<string, Map<string, string>>();
  readonly #finished = new Set<string>();
  #stats = { records: 0, duplicates: 0, events: 0, incomplete: 0, droppedItemRecords: 0, outOfOrder: 0 };
  /** Set when a push or tick failed half way (a get hook of an entity threw): the state is no longer one to go on from. */
  #broken = false;

  constructor(feed: ChangeFeed<Entities>, options: FeedAssemblerOptions = {}) {
    const checked = atBoundary('new FeedAssembler()', () => checkAssemblerOptions(feed, options));
    this.#feed = feed;
    this.#mode = checked.mode;
    this.#waitMs = checked.waitMs;
    this.#tables = new Set([feed.table, ...checked.imageTables]);
    if (checked.state !== undefined) this.#restore(checked.state);
  }

  /** The mode this assembler runs in. */
  get mode(): FeedMode {
    return this.#mode;
  }

  /** Transactions (and unattributed item records) waiting. */
  get pending(): number {
    return this.#pending.size;
  }

  /** Counters since this assembler was made. */
  stats(): FeedAssemblerStats {
    return { ...this.#stats };
  }

  /** The last sequence number read from a shard (its checkpoint after a restore), if any. */
  lastRead(shard: string): string | undefined {
    return this.#watermarks.get(shard);
  }

  /** True once `finishShard` was called for it (in this assembler or the one whose state it was restored from). */
  isFinished(shard: string): boolean {
    return this.#finished.has(shard);
  }

  /** Marks a shard as read to its end (closed): it is not read again after a restart. */
  finishShard(shard: string): void {
    this.#usable();
    if (typeof shard !== 'string' || shard === '') throw invalidValueError(`finishShard() takes a shard id, got ${describeValue(shard)}`);
    this.#finished.add(shard);
  }

  /**
   * Takes the next records of one shard and returns what they complete, in order. Records at
   * or before the last one read from the shard are re-deliveries and are ignored.
   */
  push(batch: StreamBatch, now: number): FeedOutput<Entities>[] {
    this.#usable();
    // Every record is read and checked first: a batch that cannot be taken whole changes nothing.
    const { shard, table, decoded } = atBoundary('push()', () => this.#read(batch, now));
    return this.#applying(() => this.#apply(shard, table, decoded, now));
  }

  /** The batch's records decoded, re-deliveries marked: no state is changed here. */
  #read(batch: StreamBatch, now: number): { shard: string; table: string; decoded: (ReadRecord | undefined)[] } {
    checkNow(now);
    if (typeof batch !== 'object' || batch === null) throw invalidValueError(`push() takes a batch { shard, records }, got ${describeValue(batch)}`);
    const { shard, records } = batch;
    const table = batch.table ?? this.#feed.table;
    if (typeof shard !== 'string' || shard === '') throw invalidValueError(`A batch's shard must be a shard id, got ${describeValue(shard)}`);
    if (typeof table !== 'string') throw invalidValueError(`A batch's table must be a table name, got ${describeValue(table)}`);
    if (!Array.isArray(records)) throw invalidValueError(`A batch's records must be an array of stream records, got ${describeValue(records)}`);
    let last = this.#watermarks.get(shard);
    const decoded = records.map((record: unknown): ReadRecord | undefined => {
      const seq = typeof record === 'object' && record !== null ? (record as StreamRecord).dynamodb?.SequenceNumber : undefined;
      if (typeof seq !== 'string') throw invalidValueError(`A stream record of shard ${shownText(shard)} has no SequenceNumber`);
      if (last !== undefined && compareSequence(seq, last) <= 0) return undefined; // a re-delivery
      last = seq;
      return { seq, decoded: decodeRecord(this.#feed, record as StreamRecord, table, `of shard ${shownText(shard)} (sequence ${shownText(seq)})`) };
    });
    return { shard, table, decoded };
  }

  /** Runs a change of state; should it fail half way, this assembler refuses to go on (see #usable). */
  #applying<T>(run: () => T): T {
    try {
      return atBoundary('the feed assembler', run);
    } catch (error) {
      this.#broken = true;
      throw error;
    }
  }

  #usable() {
    if (this.#broken) {
      throw invalidValueError('This feed assembler stopped when formatting an event failed half way; make a new one from the state saved last');
    }
  }

  #apply(shard: string, table: string, records: readonly (ReadRecord | undefined)[], now: number): FeedOutput<Entities>[] {
    const out: FeedOutput<Entities>[] = [];
    const ready = new Set<string>();
    for (const read of records) {
      this.#stats.records++;
      if (read === undefined) {
        this.#stats.duplicates++;
        continue;
      }
      const { seq, decoded } = read;
      const last = this.#watermarks.get(shard);
      this.#watermarks.set(shard, seq);
      const held: Held = { shard, seq, prev: last };
      if (decoded.kind === 'manifest') {
        const { manifest } = decoded;
        const id = manifest.transactionId;
        if (this.#emitted.has(id)) continue;
        if (this.#mode === 'intent') {
          this.#markEmitted(id, [held]);
          this.#stats.events++;
          out.push(transactionEvent(this.#feed, manifest) as FeedOutput<Entities>);
          continue;
        }
        const pending = this.#pendingFor(id, now);
        if (pending.manifest !== undefined) continue;
        pending.manifest = manifest;
        pending.manifestHeld = held;
        pending.expected = expectedItems(this.#feed, manifest, this.#tables);
        // Item records that arrived first but are not this transaction's (another feed's with the same id).
        for (const key of [...pending.changes.keys()]) {
          if (pending.expected.has(key)) continue;
          const head = this.#release(pending, key);
          if (head !== undefined) ready.add(head);
        }
        ready.add(id);
      } else if (decoded.kind === 'item' && this.#mode === 'image' && this.#tables.has(table)) {
        const { change } = decoded;
        const id = change.transactionId;
        if (this.#emitted.has(id)) continue;
        const pending = this.#pendingFor(id, now);
        if (pending.changes.has(change.itemKey)) continue;
        if (pending.expected !== undefined && !pending.expected.has(change.itemKey)) continue;
        pending.changes.set(change.itemKey, { change, held });
        const queue = this.#queues.get(change.itemKey);
        if (queue === undefined) this.#queues.set(change.itemKey, [id]);
        else queue.push(id);
        ready.add(id);
      }
    }
    this.#emitReady(ready, out);
    return out;
  }

  /**
   * Reports the transactions that have waited `waitMs` or more for item records as incomplete,
   * and drops item records whose manifest has not come within the wait; returns the reports
   * and the events this lets out.
   */
  tick(now: number): FeedOutput<Entities>[] {
    this.#usable();
    atBoundary('tick()', () => checkNow(now));
    return this.#applying(() => this.#tick(now));
  }

  #tick(now: number): FeedOutput<Entities>[] {
    const out: FeedOutput<Entities>[] = [];
    const ready = new Set<string>();
    for (const pending of [...this.#pending.values()]) {
      if (now - pending.firstSeenAt < this.#waitMs) continue;
      if (pending.manifest === undefined) {
        this.#stats.droppedItemRecords += pending.changes.size;
        this.#settle(pending, ready);
        continue;
      }
      if (this.#complete(pending)) {
        // Waiting for an earlier transaction on one of its items: that one times out itself.
        // Serializable transactions cannot wait for each other in a cycle; should foreign
        // records make one, it is broken after twice the wait rather than stalling.
        if (now - pending.firstSeenAt < 2 * this.#waitMs) continue;
        this.#settle(pending, ready);
        this.#markEmittedPending(pending);
        this.#stats.events++;
        this.#stats.outOfOrder++;
        out.push(this.#output(pending));
        continue;
      }
      this.#settle(pending, ready);
      this.#markEmittedPending(pending);
      this.#stats.incomplete++;
      out.push(this.#output(pending));
    }
    this.#emitReady(ready, out);
    return out;
  }

  /** Everything a restart needs, as JSON: per-shard checkpoints and the recently emitted transactions. */
  state(): FeedConsumerState {
    this.#usable();
    const checkpoints = this.checkpoints();
    for (const [id, through] of this.#emitted) {
      const passed = [...through].every(([shard, seq]) => {
        const checkpoint = Object.prototype.hasOwnProperty.call(checkpoints, shard) ? checkpoints[shard] : undefined;
        return checkpoint !== undefined && compareSequence(checkpoint, seq) >= 0;
      });
      if (passed) this.#emitted.delete(id);
    }
    return {
      version: 1,
      feed: this.#feed.name,
      mode: this.#mode,
      checkpoints,
      emitted: [...this.#emitted].map(([transactionId, through]) => ({ transactionId, through: Object.fromEntries(through) })),
      finishedShards: [...this.#finished],
    };
  }

  /**
   * Per shard, the sequence number a restart may resume after: the last record read, or, when a
   * transaction still waiting holds a record of the shard, the record before the earliest such.
   */
  checkpoints(): Record<string, string> {
    const result = new Map<string, string | undefined>(this.#restored);
    for (const [shard, seq] of this.#watermarks) result.set(shard, seq);
    const heldFloor = new Map<string, string | undefined>();
    const hold = (held: Held) => {
      if (!heldFloor.has(held.shard)) {
        heldFloor.set(held.shard, held.prev);
        return;
      }
      const floor = heldFloor.get(held.shard);
      if (floor === undefined) return;
      if (held.prev === undefined || compareSequence(held.prev, floor) < 0) heldFloor.set(held.shard, held.prev);
    };
    for (const pending of this.#pending.values()) {
      if (pending.manifestHeld !== undefined) hold(pending.manifestHeld);
      for (const { held } of pending.changes.values()) hold(held);
    }
    for (const [shard, floor] of heldFloor) result.set(shard, floor ?? this.#restored.get(shard));
    const out: Record<string, string> = {};
    // defineProperty: a shard id such as '__proto__' is an ordinary key here.
    for (const [shard, seq] of result) if (seq !== undefined) Object.defineProperty(out, shard, { value: seq, enumerable: true, writable: true, configurable: true });
    return out;
  }

  #restore(state: FeedConsumerState) {
    if (state.feed !== this.#feed.name || state.mode !== this.#mode) {
      throw invalidValueError(`The saved state is of feed '${shownText(String(state.feed))}' in ${shownText(String(state.mode))} mode, not of '${this.#feed.name}' in ${this.#mode} mode`);
    }
    for (const [shard, seq] of Object.entries(state.checkpoints)) {
      this.#restored.set(shard, seq);
      this.#watermarks.set(shard, seq);
    }
    for (const { transactionId, through } of state.emitted) this.#emitted.set(transactionId, new Map(Object.entries(through)));
    for (const shard of state.finishedShards) this.#finished.add(shard);
  }

  #pendingFor(id: string, now: number): Pending {
    let pending = this.#pending.get(id);
    if (pending === undefined) {
      pending = { id, manifest: undefined, manifestHeld: undefined, expected: undefined, changes: new Map(), firstSeenAt: now };
      this.#pending.set(id, pending);
    }
    return pending;
  }

  #complete(pending: Pending): boolean {
    if (pending.manifest === undefined || pending.expected === undefined) return false;
    for (const key of pending.expected.keys()) if (!pending.changes.has(key)) return false;
    return true;
  }

  /** Waits for an earlier transaction on one of its items. */
  #blocked(pending: Pending): boolean {
    for (const key of pending.changes.keys()) if (this.#queues.get(key)?.[0] !== pending.id) return true;
    return false;
  }

  #emitReady(ready: Set<string>, out: FeedOutput<Entities>[]) {
    // A worklist: each transaction let out may unblock the next one on its items.
    const work = [...ready];
    while (work.length > 0) {
      const id = work.shift()!;
      const pending = this.#pending.get(id);
      if (pending === undefined || !this.#complete(pending) || this.#blocked(pending)) continue;
      const next = new Set<string>();
      this.#settle(pending, next);
      this.#markEmittedPending(pending);
      this.#stats.events++;
      out.push(this.#output(pending));
      work.push(...next);
    }
  }

  #output(pending: Pending): FeedOutput<Entities> {
    const changes = new Map([...pending.changes].map(([key, { change }]) => [key, change]));
    return imagesOutput(this.#feed, pending.manifest!, this.#tables, changes) as FeedOutput<Entities>;
  }

  /** Takes a transaction out of the waiting room and its items' queues; collects the transactions now first in those queues. */
  #settle(pending: Pending, next: Set<string>) {
    this.#pending.delete(pending.id);
    for (const key of [...pending.changes.keys()]) {
      const head = this.#dequeue(pending.id, key);
      if (head !== undefined) next.add(head);
    }
  }

  #release(pending: Pending, key: string): string | undefined {
    pending.changes.delete(key);
    return this.#dequeue(pending.id, key);
  }

  #dequeue(id: string, key: string): string | undefined {
    const queue = this.#queues.get(key);
    if (queue === undefined) return undefined;
    const at = queue.indexOf(id);
    if (at >= 0) queue.splice(at, 1);
    if (queue.length === 0) {
      this.#queues.delete(key);
      return undefined;
    }
    return queue[0];
  }

  #markEmittedPending(pending: Pending) {
    const helds = [...pending.changes.values()].map((c) => c.held);
    if (pending.manifestHeld !== undefined) helds.push(pending.manifestHeld);
    this.#markEmitted(pending.id, helds);
  }

  #markEmitted(id: string, helds: readonly Held[]) {
    const through = new Map<string, string>();
    for (const { shard, seq } of helds) {
      const known = through.get(shard);
      if (known === undefined || compareSequence(seq, known) > 0) through.set(shard, seq);
    }
    this.#emitted.set(id, through);
  }
}

/** The time a push or tick is at: ms, as `Date.now()` gives it. */
function checkNow(now: unknown) {
  if (typeof now !== 'number' || !Number.isFinite(now)) throw invalidValueError(`now must be a time in milliseconds, got ${describeValue(now)}`);
}

/**
 * A feed and assembler options from untyped callers, read once: the mode, the wait, the image
 * tables and a saved state of the right shape (what `state()` returns, also through JSON).
 */
export function checkAssemblerOptions(
  feed: unknown,
  options: unknown,
): { mode: FeedMode; waitMs: number; imageTables: readonly string[]; state: FeedConsumerState | undefined } {
  if (!isChangeFeed(feed)) throw invalidValueError(`A feed consumer takes a feed made with changeFeed(), got ${describeValue(feed)}`);
  if (options === undefined) options = {};
  if (typeof options !== 'object' || options === null) throw invalidValueError(`A feed consumer takes an options object, got ${describeValue(options)}`);
  const { mode = 'intent', waitMs = DEFAULT_WAIT_MS, imageTables = [], state } = options as FeedAssemblerOptions;
  if (mode !== 'intent' && mode !== 'image') throw invalidValueError(`A feed's mode is 'intent' or 'image', got ${describeValue(mode)}`);
  if (mode === 'image' && feed.marker === undefined) {
    throw invalidValueError(`The image feed attaches item records by the marker; feed '${feed.name}' has none (marker: false)`);
  }
  if (typeof waitMs !== 'number' || !(waitMs >= 0)) throw invalidValueError(`waitMs must be a number of milliseconds, got ${describeValue(waitMs)}`);
  if (!Array.isArray(imageTables) || !Array.from(imageTables as unknown[]).every((t) => typeof t === 'string')) {
    throw invalidValueError(`imageTables must be an array of table names, got ${describeValue(imageTables)}`);
  }
  return { mode, waitMs, imageTables: [...imageTables], state: state === undefined ? undefined : checkState(state) };
}

/** A saved state as `state()` writes it, or a typed error naming what is not. */
function checkState(state: unknown): FeedConsumerState {
  const bad = (what: string) => invalidValueError(`The saved feed consumer state is not one state() wrote: ${what}`);
  const strings = (value: unknown, what: string): Record<string, string> => {
    if (!isPlainObject(value) || !Object.values(value).every((v) => typeof v === 'string')) throw bad(`its ${what} is ${describeValue(value)}, not a map of shard ids to sequence numbers`);
    return value as Record<string, string>;
  };
  if (!isPlainObject(state)) throw bad(`it is ${describeValue(state)}`);
  if (state.version !== 1) throw bad(`its version is ${describeValue(state.version)}, not 1`);
  if (typeof state.feed !== 'string' || typeof state.mode !== 'string') throw bad('it names no feed and mode');
  strings(state.checkpoints, 'checkpoints');
  if (!Array.isArray(state.emitted)) throw bad(`its emitted is ${describeValue(state.emitted)}, not a list`);
  // Index loops: a hole in an array is an entry that is not there, refused like any other.
  for (let i = 0; i < state.emitted.length; i++) {
    const entry: unknown = state.emitted[i];
    if (!isPlainObject(entry) || typeof entry.transactionId !== 'string') throw bad(`its emitted[${i}] is not { transactionId, through }`);
    strings(entry.through, `emitted[${i}].through`);
  }
  if (!Array.isArray(state.finishedShards) || !Array.from(state.finishedShards as unknown[]).every((shard) => typeof shard === 'string')) {
    throw bad(`its finishedShards is ${describeValue(state.finishedShards)}, not a list of shard ids`);
  }
  return state as unknown as FeedConsumerState;
}

/** Makes a feed assembler (see FeedAssembler). */
export function feedAssembler<Entities extends readonly AnyEntity[]>(feed: ChangeFeed<Entities>, options?: FeedAssemblerOptions): FeedAssembler<Entities> {
  return new FeedAssembler(feed, options);
}
