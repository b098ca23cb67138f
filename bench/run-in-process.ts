/** One bench step in its own process, so that its peak memory (maxRSS) is its own: timed, printed as one JSON line. */
import type { ImportResult } from '../src/commands/import-types.js';
import { connect } from '../src/store/database.js';
import type { CommandContext } from '../src/commands/context.js';

export async function runInProcess<R extends ImportResult>(
  url: string,
  regionCode: string,
  step: (ctx: CommandContext) => Promise<R>,
  extra: (r: R) => Record<string, unknown> = () => ({}),
) {
  const db = connect(url);
  const t0 = performance.now();
  const r = await step({ pool: db.pool, regionCode, actor: 'bench', today: new Date().toISOString().slice(0, 10) });
  const seconds = (performance.now() - t0) / 1000;
  await db.close();
  console.log(
    JSON.stringify({
      ok: r.ok,
      rows: r.rows,
      problems: r.problems.slice(0, 3),
      ...extra(r),
      seconds,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}
