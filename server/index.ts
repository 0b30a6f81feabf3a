import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createAnalyzer } from '../lib/sentiment/analyzers';
import { StreamEngine, type EngineState } from '../lib/stream/engine';
import { EXPORT_MAX_WINDOWS, createApplication, type Application, type ApplicationParts } from './app';
import { ConfigError, HelpRequested, parseConfig, type ServerConfig } from './config';
import { handleHistory } from './http/history';
import { createLogger, type Logger } from './logger';
import { LIVE_KINDS, createSource } from './sources/createSource';
import { openDataStore } from './store/dataStore';
import { TrackingStore } from './tracking';
import { StreamWorker } from './worker';

/** The repository root, where app/ and .next/ live. */
export const ROOT_DIR = fileURLToPath(new URL('..', import.meta.url));

/** How often a live source's clock closes batches in quiet periods, ms. */
const LIVE_TICK_MS = 200;
/** Batches between checkpoints (at the default 1 s batch, one every 5 s). */
const CHECKPOINT_EVERY_BATCHES = 5;

/**
 * Builds the worker, the tracked set and the data store from the configuration: everything but
 * Next.js and the HTTP server. A checkpoint in the data directory is resumed, so a restart
 * continues the stream where it stopped. Tests call it with a configuration of their own.
 * Throws ConfigError naming the option when a part refuses its options.
 */
export function createParts(config: ServerConfig, logger: Logger): ApplicationParts {
  const tracking = new TrackingStore(config.dataDir, config.maxKeywords);
  // Loaded before the data store is opened: a damaged file stops the start with nothing locked.
  const saved = tracking.load();
  const engineOptions = {
    batchMs: config.batchMs,
    windowMs: config.windowMs,
    slideMs: config.slideMs,
    latenessMs: config.latenessMs,
    topK: config.topK,
    analyzer: createAnalyzer(config.scorer),
  };

  let source;
  try {
    source = createSource({
      kind: config.source,
      file: config.file,
      format: config.inputFormat,
      speed: config.speed,
      loop: config.loop,
      seed: config.seed,
      rate: config.rate,
      endpoint: config.endpoint,
      instance: config.instance,
      hashtag: config.hashtag,
      token: config.source === 'x' ? config.xBearerToken : config.mastodonToken,
      dir: config.dir,
      host: config.tcpHost,
      port: config.tcpPort,
    });
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }

  // The data directory's lock is taken first: a second server (or headless run) on the same
  // directory stops here with a message saying who holds it.
  const store = openDataStore<EngineState>(config.dataDir, { retentionMs: config.retentionMs, onWarning: (m) => logger.warn(m) });
  try {
    const checkpoint = store.checkpoints.load();
    let engine: StreamEngine;
    try {
      engine = checkpoint ? StreamEngine.restore(checkpoint.engine, engineOptions) : new StreamEngine(engineOptions);
    } catch (err) {
      throw new ConfigError((err as Error).message);
    }
    if (checkpoint) logger.info('resuming from checkpoint', { savedAt: new Date(checkpoint.savedAt).toISOString() });

    // The tracked file is what users chose; the checkpoint's keywords follow it. A saved query
    // the parser no longer accepts is dropped with a warning rather than blocking the start.
    for (const query of engine.keywords()) if (!saved.includes(query)) engine.removeKeyword(query);
    for (const query of saved) {
      if (engine.keywords().includes(query)) continue;
      const r = engine.addKeyword(query);
      if (!r.ok) logger.warn('dropping a saved tracked query that no longer parses', { query, error: r.error });
    }
    for (const query of config.track) {
      if (engine.keywords().includes(query)) continue;
      if (engine.keywords().length >= config.maxKeywords) {
        throw new ConfigError(`--track: more than ${config.maxKeywords} queries (MAX_KEYWORDS)`);
      }
      const r = engine.addKeyword(query);
      if (!r.ok) throw new ConfigError(`--track "${query}": ${r.error} (at ${r.position})`);
    }
    tracking.save(engine.keywords());

    const worker = new StreamWorker({
      source,
      engine,
      // Only a stream whose event time is the wall clock may have its batches closed by the clock.
      tickMs: LIVE_KINDS.has(config.source) || (config.source === 'demo' && config.speed === 1) ? LIVE_TICK_MS : 0,
      checkpoint: { store: store.checkpoints, everyBatches: CHECKPOINT_EVERY_BATCHES },
      history: store.history,
      resumeFrom: checkpoint?.source ?? null,
      logger: logger.child('worker'),
    });
    return {
      worker,
      tracking,
      recentWindows: store.history.recent(EXPORT_MAX_WINDOWS),
      routes: { '/api/history': (req, res) => handleHistory(req, res, store.history, { logger: logger.child('history') }) },
      onClose: () => store.close(),
      logger: logger.child('app'),
    };
  } catch (err) {
    store.close();
    throw err;
  }
}

/**
 * Starts the whole dashboard in this process: Next.js (dev with `--dev`, else the production
 * build in .next), Socket.IO and the stream worker, on one port. Resolves once it listens.
 */
export async function startServer(config: ServerConfig, logger: Logger): Promise<Application> {
  // Next and React read NODE_ENV when they load, so it is set before the dynamic import.
  Object.assign(process.env, { NODE_ENV: config.dev ? 'development' : 'production' });
  const parts = createParts(config, logger);
  const { default: next } = await import('next');
  const nextApp = next({ dev: config.dev, dir: ROOT_DIR, hostname: config.host ?? 'localhost', port: config.port });
  await nextApp.prepare();
  const app = await createApplication(
    createServer(),
    {
      ...parts,
      nextHandler: nextApp.getRequestHandler(),
      onClose: async () => {
        await parts.onClose?.();
        await nextApp.close();
      },
    },
    {
      settings: { batchMs: config.batchMs, windowMs: config.windowMs, slideMs: config.slideMs, topK: config.topK },
      maxKeywords: config.maxKeywords,
      controlToken: config.controlToken,
      allowedOrigins: config.allowedOrigins,
      port: config.port,
      host: config.host,
    },
  );
  app.start();
  logger.info(`moodstream ${config.dev ? '(dev) ' : ''}on ${app.url}`, {
    source: config.source,
    window: config.windowMs,
    slide: config.slideMs,
    dataDir: config.dataDir,
  });
  return app;
}

/**
 * Reads the environment and the command line, starts, and stops cleanly on SIGINT / SIGTERM.
 * `prepare` runs after the configuration is known to be valid and before anything starts
 * (server/start.ts builds there, so `--help` and bad options answer at once).
 */
export async function main(prepare?: (config: ServerConfig) => Promise<void>): Promise<void> {
  const logger = createLogger('moodstream');
  let config: ServerConfig;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
  } catch (err) {
    if (err instanceof HelpRequested) {
      process.stdout.write(`${err.message}\n`);
      return;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`moodstream: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  let app: Application;
  try {
    await prepare?.(config);
    app = await startServer(config, logger);
  } catch (err) {
    process.stderr.write(`moodstream: ${(err as Error).message}\n`);
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
  const stop = (signal: string) => {
    logger.info(`${signal}: shutting down`);
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('shutdown failed', { error: (err as Error).message });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
