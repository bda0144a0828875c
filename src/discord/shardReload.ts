import { randomUUID } from 'node:crypto';
import { type FSWatcher, watch } from 'node:fs';
import type { Shard, ShardingManager } from 'discord.js';
import { writeIndexInWorker } from '../app/buildWorkerClient.ts';
import { failedReload, type ReloadResult } from '../app/liveCorpus.ts';
import { isArticleFile } from '../corpus/loadCorpus.ts';
import type { Logger } from '../lib/log.ts';
import type { ReloadReport } from './slashCommand.ts';

/**
 * The messages between a sharded bot's manager and its shards (over the ShardingManager's IPC):
 * a shard asks for a reload; the manager writes the index and tells every shard to load it; each
 * shard says when it has switched; the manager answers the asking shard with every shard's switch.
 */
export type ShardMessage =
  | { citebot: 'reload'; request: string }
  | { citebot: 'load-index' }
  | { citebot: 'switched'; shard: number; result: ReloadResult }
  | { citebot: 'reloaded'; request: string; report: ReloadReport };

/** Whether an IPC message is one of citebot's (discord.js sends its own on the same channel). */
export function isShardMessage(message: unknown): message is ShardMessage {
  return typeof message === 'object' && message !== null && 'citebot' in message;
}

/** How long a shard waits for its manager's answer to a reload (a build at 10,000 articles takes about a minute). */
const MANAGER_TIMEOUT_MS = 10 * 60_000;

/** How long the manager waits for a shard to switch before it reports that shard as failed. */
const SWITCH_TIMEOUT_MS = 120_000;

/**
 * Reloads every shard of a sharded bot from one build: the manager (which answers nothing) watches
 * the corpus folder and takes shards' /reload and /ingest requests; it makes the prebuilt index
 * current once (in a worker thread, reusing unchanged articles' extracts), then tells every shard to
 * load it and logs when each has switched. Requests that come while a reload runs are served by one
 * more reload after it.
 */
export class ShardReloads {
  private running: Promise<ReloadReport> | null = null;
  private queued: Promise<ReloadReport> | null = null;
  private watcher: FSWatcher | null = null;
  private readonly waiting = new Map<number, (result: ReloadResult) => void>();

  constructor(
    private readonly manager: ShardingManager,
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  /** Listens to a shard's messages (call for every shard the manager creates, respawns included). */
  attach(shard: Shard): void {
    shard.on('message', (message: unknown) => {
      if (!isShardMessage(message)) return;
      if (message.citebot === 'reload') {
        void this.reload(`/reload or /ingest in shard ${shard.id}`).then((report) =>
          shard.send({ citebot: 'reloaded', request: message.request, report } satisfies ShardMessage),
        );
      } else if (message.citebot === 'switched') this.waiting.get(message.shard)?.(message.result);
    });
  }

  /** Watches the folder: a changed article file reloads every shard, after `debounceMs` of quiet. */
  watch(debounceMs = 300): void {
    let timer: NodeJS.Timeout | null = null;
    this.watcher = watch(this.dir, (_event, name) => {
      if (!name || !isArticleFile(name)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void this.reload(`${name} changed`), debounceMs);
    });
    this.watcher.on('error', (error) =>
      this.logger.warn({ err: error }, 'corpus: stopped watching the folder'),
    );
  }

  /** Stops watching the folder. */
  stop(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  /** Makes the index current and switches every shard to it; resolves with each shard's switch. */
  reload(reason: string): Promise<ReloadReport> {
    if (this.running) {
      this.queued ??= this.running.then(() => {
        this.queued = null;
        return this.reload(reason);
      });
      return this.queued;
    }
    this.running = this.run(reason).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(reason: string): Promise<ReloadReport> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    this.logger.info({ reason }, 'corpus: reloading every shard');
    try {
      await writeIndexInWorker(this.dir, (line) => this.logger.info(line));
    } catch (error) {
      const message = (error as Error).message;
      this.logger.error(
        { err: error },
        'corpus: the index could not be made; the shards keep the previous corpus',
      );
      return failedReload(message, ms());
    }
    const shards = [...this.manager.shards.values()];
    const switched = await Promise.all(shards.map((shard) => this.switchShard(shard)));
    const results = switched.map((s) => s.result);
    const first = results.find((r) => r.ok) ?? results[0];
    const report: ReloadReport = {
      ok: results.every((r) => r.ok),
      articles: first?.articles ?? 0,
      sentences: first?.sentences ?? 0,
      problems: first?.problems ?? 0,
      ms: ms(),
      how: 'loaded',
      tagged: 0,
      removed: 0,
      error: results.find((r) => !r.ok)?.error ?? null,
      shards: switched.map((s) => ({ shard: s.shard, ok: s.result.ok, ms: s.ms })),
    };
    this.logger.info(
      { articles: report.articles, shards: report.shards, ms: report.ms },
      'corpus: every shard switched',
    );
    return report;
  }

  /** Tells one shard to load the index and waits for its answer (or the timeout). */
  private async switchShard(shard: Shard): Promise<{ shard: number; result: ReloadResult; ms: number }> {
    const started = performance.now();
    const failed = (error: string) => failedReload(error, Math.round(performance.now() - started));
    const result = await new Promise<ReloadResult>((resolve) => {
      const timer = setTimeout(
        () => resolve(failed(`shard ${shard.id} did not switch in time`)),
        SWITCH_TIMEOUT_MS,
      );
      this.waiting.set(shard.id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      shard.send({ citebot: 'load-index' } satisfies ShardMessage).catch((error: Error) => {
        clearTimeout(timer);
        resolve(failed(`shard ${shard.id} could not be told: ${error.message}`));
      });
    });
    this.waiting.delete(shard.id);
    const ms = Math.round(performance.now() - started);
    if (result.ok)
      this.logger.info(
        { shard: shard.id, articles: result.articles, ms },
        'corpus: shard switched to the new corpus',
      );
    else this.logger.warn({ shard: shard.id, error: result.error }, 'corpus: shard did not switch');
    return { shard: shard.id, result, ms };
  }
}

/**
 * A shard's side: loads the index when the manager says so and reports the switch; asks the manager
 * for a reload (from /reload or /ingest) and resolves when every shard has switched.
 */
export class ShardReloadClient {
  private readonly pending = new Map<string, (report: ReloadReport) => void>();

  constructor(
    private readonly shard: number,
    private readonly load: () => Promise<ReloadResult>,
    private readonly send: (message: ShardMessage) => void,
  ) {}

  /** Handles a message from the manager. */
  receive(message: unknown): void {
    if (!isShardMessage(message)) return;
    if (message.citebot === 'load-index')
      void this.load().then((result) => this.send({ citebot: 'switched', shard: this.shard, result }));
    else if (message.citebot === 'reloaded') {
      this.pending.get(message.request)?.(message.report);
      this.pending.delete(message.request);
    }
  }

  /** Asks the manager to reload every shard; resolves with its report (or a failure if it never answers). */
  reload(): Promise<ReloadReport> {
    const request = randomUUID();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(request);
        resolve(failedReload('the shard manager did not answer', MANAGER_TIMEOUT_MS));
      }, MANAGER_TIMEOUT_MS);
      timer.unref();
      this.pending.set(request, (report) => {
        clearTimeout(timer);
        resolve(report);
      });
      this.send({ citebot: 'reload', request });
    });
  }
}
