/**
 * `npm start`: the embedded database (or DATABASE_URL), the demo district on first start, then the server on
 * HOST:PORT (127.0.0.1:8080) until Ctrl-C / SIGTERM. `bianzhi serve` does the same without building a demo.
 */
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { auditCheckpointFile, recordAuditCheckpoint } from '../commands/audit.js';
import { todayIso } from '../commands/context.js';
import { districtOverview } from '../commands/overview.js';
import { findDistrict } from '../commands/regions.js';
import { env } from '../config/env.js';
import { AppError } from '../domain/errors.js';
import { openStore, stopOnSignalsOurselves, type OpenedStore } from '../store/database.js';
import { overviewText } from './overview.presenter.js';
import { cliActor } from './session.js';
import { oneTimePasswordNotice } from './user-commands.js';

const webRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

async function ensureDemo(store: OpenedStore) {
  const existing = await findDistrict({ pool: store.pool }, env.BIANZHI_REGION);
  if (existing) return existing;
  const { generateDemoDistrict } = await import('../demo/demo-district.js');
  const { buildDemoDistrict } = await import('../commands/demo.js');
  const demo = generateDemoDistrict();
  console.log(`首次启动:正在生成演示区划"${demo.regionName}"……`);
  const started = Date.now();
  const ctx = { pool: store.pool, regionCode: demo.regionCode, actor: cliActor(), today: todayIso() };
  await buildDemoDistrict(ctx, demo, (m) => console.log(`  · ${m}`));
  console.log(`演示区划已生成(${((Date.now() - started) / 1000).toFixed(1)} 秒)。`);
  const { ensureFirstAdmin } = await import('../commands/users.js');
  const admin = await ensureFirstAdmin(ctx);
  if (admin) console.log(oneTimePasswordNotice(admin.username, admin.oneTimePassword));
  return (await findDistrict({ pool: store.pool }, demo.regionCode))!;
}

/** The audit chain's head written to the checkpoint file at start and every day after (commands/audit.ts). */
function dailyAuditCheckpoints(store: OpenedStore): () => void {
  const file = auditCheckpointFile(env.BIANZHI_DATA);
  const record = () =>
    recordAuditCheckpoint(store, file).then(
      (added) => added.forEach((h) => console.log(`审计检查点:${h.regionCode} 第${h.seq}条 ${h.hash} → ${file}`)),
      (e: unknown) => console.error(`审计检查点未能写入 ${file}:${e instanceof Error ? e.message : String(e)}`),
    );
  void record();
  const timer = setInterval(() => void record(), 24 * 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Started by an npm script (`npm start`): npm is the process a manager watches and signals. Should npm vanish without
 * passing a signal on (SIGKILL), this process is re-parented; it then stops too rather than hold the port and data.
 */
function watchNpmParent(stop: () => void) {
  if (!env.npm_lifecycle_event) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      console.log('npm 进程已结束,服务随之停止。');
      stop();
    }
  }, 1000);
  timer.unref();
}

/** Serves until a signal; closes the server, then the database, and resolves (exit code 0). */
async function serve(opts: { demo: boolean; host: string; port: number }) {
  stopOnSignalsOurselves();
  // from the first moment: a signal during the first start's demo build stops the server as soon as it is up. `on`,
  // not `once`: Ctrl-C reaches this process twice (from the terminal and forwarded by npm or bin/bianzhi.js), and a
  // second signal without a listener would kill it before PostgreSQL is stopped.
  const stopRequested = new Promise<void>((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
    process.on('SIGHUP', resolve);
    watchNpmParent(resolve);
  });
  const store = await openStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.BIANZHI_DATA,
    port: env.BIANZHI_PG_PORT || undefined,
    share: true, // `bianzhi user reset admin` and the other commands work beside the running server
  });
  let app: Awaited<ReturnType<typeof import('../server/app.js').buildServer>> | undefined;
  try {
    console.log(
      store.embedded
        ? `数据库:嵌入式 PostgreSQL(数据目录 ${env.BIANZHI_DATA})`
        : '数据库:DATABASE_URL 指定的 PostgreSQL',
    );
    const district = opts.demo ? await ensureDemo(store) : await findDistrict({ pool: store.pool }, env.BIANZHI_REGION);
    if (!district) throw new AppError('not_found', '数据库中还没有任何行政区划,请先运行 bianzhi init 或 bianzhi demo');
    const today = todayIso();
    console.log('');
    console.log(
      overviewText(
        await districtOverview({ pool: store.pool, regionCode: district.regionCode }, today),
        district.name,
        today,
      ),
    );
    const { buildServer } = await import('../server/app.js');
    app = await buildServer({
      pool: store.pool,
      regionCode: district.regionCode,
      logger: true,
      webRoot,
      warmCache: true,
      approverMustDiffer: env.BIANZHI_APPROVER_MUST_DIFFER,
    });
    const address = await app.listen({ host: opts.host, port: opts.port });
    const stopCheckpoints = dailyAuditCheckpoints(store);
    console.log('');
    console.log(`bianzhi 已启动:${address}  (接口文档 ${address}/api/docs;按 Ctrl-C 停止)`);
    await stopRequested;
    stopCheckpoints();
    console.log('正在停止……');
  } finally {
    await app?.close();
    await store.close();
  }
}

export function registerStartCommand(program: Command) {
  const port = (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`端口无效:${v}`);
    return n;
  };
  program
    .command('start')
    .description('启动 bianzhi:首次启动时生成演示区划"示范区",然后在 HOST:PORT(默认 127.0.0.1:8080)提供网页与接口')
    .option('--host <host>', '监听地址', env.HOST)
    .option('--port <port>', '端口(0 = 任选空闲端口)', port, env.PORT)
    .action(async (o: { host: string; port: number }) => serve({ demo: true, ...o }));
  program
    .command('serve')
    .description('在现有数据上提供网页与接口(不生成演示数据)')
    .option('--host <host>', '监听地址', env.HOST)
    .option('--port <port>', '端口(0 = 任选空闲端口)', port, env.PORT)
    .action(async (o: { host: string; port: number }) => serve({ demo: false, ...o }));
}
