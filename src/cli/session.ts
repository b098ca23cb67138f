/** Opens the store for a CLI command and builds the command context; closes it whatever happens. */
import { userInfo } from 'node:os';
import type { CommandContext } from '../commands/context.js';
import { todayIso } from '../commands/context.js';
import { findDistrict } from '../commands/regions.js';
import { env } from '../config/env.js';
import { AppError } from '../domain/errors.js';
import { openStore, type OpenedStore } from '../store/database.js';

export interface Session {
  store: OpenedStore;
  ctx: CommandContext;
}

export const cliActor = () => env.BIANZHI_ACTOR ?? `cli:${userInfo().username}`;

export async function withStore<T>(fn: (store: OpenedStore) => Promise<T>): Promise<T> {
  const store = await openStore({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.BIANZHI_DATA,
    port: env.BIANZHI_PG_PORT || undefined,
  });
  if (store.embedded?.shared) console.error('(数据目录正由运行中的 bianzhi 服务器使用,已连接到它的数据库)');
  let stopping = false;
  const stop = () => {
    // a second Ctrl-C while closing is ignored (it also arrives forwarded by bin/bianzhi.js); the embedded server
    // shuts down cleanly
    if (stopping) return;
    stopping = true;
    void store.close().finally(() => process.exit(130));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    return await fn(store);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await store.close();
  }
}

/** A session on the district named by --region / BIANZHI_REGION, or the only one in the database. */
export async function withSession<T>(region: string | undefined, fn: (s: Session) => Promise<T>): Promise<T> {
  return withStore(async (store) => {
    const district = await findDistrict({ pool: store.pool }, region ?? env.BIANZHI_REGION);
    if (!district) {
      throw new AppError(
        'not_found',
        region
          ? `行政区划 ${region} 尚未初始化,请先运行 bianzhi init --region ${region}`
          : '数据库中还没有任何行政区划,请先运行 bianzhi init 或 bianzhi demo',
      );
    }
    return fn({
      store,
      ctx: {
        pool: store.pool,
        regionCode: district.regionCode,
        actor: cliActor(),
        today: todayIso(),
        approverMustDiffer: env.BIANZHI_APPROVER_MUST_DIFFER,
      },
    });
  });
}
