/** `npm start`: the embedded database, the demo district on first start, then the main job (the overview for now). */
import type { Command } from 'commander';
import { todayIso } from '../commands/context.js';
import { districtOverview } from '../commands/overview.js';
import { findDistrict } from '../commands/regions.js';
import { env } from '../config/env.js';
import { overviewText } from './overview.presenter.js';
import { cliActor, withStore } from './session.js';
import { oneTimePasswordNotice } from './user-commands.js';

export function registerStartCommand(program: Command) {
  program
    .command('start')
    .description('启动 bianzhi:首次启动时生成演示区划"示范区",并输出机构编制概况')
    .action(async () => {
      await withStore(async (store) => {
        console.log(
          store.embedded
            ? `数据库:嵌入式 PostgreSQL(数据目录 ${env.BIANZHI_DATA})`
            : '数据库:DATABASE_URL 指定的 PostgreSQL',
        );
        let district = await findDistrict({ pool: store.pool }, env.BIANZHI_REGION);
        if (!district) {
          const { generateDemoDistrict } = await import('../demo/demo-district.js');
          const { buildDemoDistrict } = await import('../commands/demo.js');
          const demo = generateDemoDistrict();
          console.log(`首次启动:正在生成演示区划"${demo.regionName}"……`);
          const started = Date.now();
          await buildDemoDistrict(
            { pool: store.pool, regionCode: demo.regionCode, actor: cliActor(), today: todayIso() },
            demo,
            (m) => console.log(`  · ${m}`),
          );
          console.log(`演示区划已生成(${((Date.now() - started) / 1000).toFixed(1)} 秒)。`);
          const { ensureFirstAdmin } = await import('../commands/users.js');
          const admin = await ensureFirstAdmin({
            pool: store.pool,
            regionCode: demo.regionCode,
            actor: cliActor(),
            today: todayIso(),
          });
          if (admin) console.log(oneTimePasswordNotice(admin.username, admin.oneTimePassword));
          district = (await findDistrict({ pool: store.pool }, demo.regionCode))!;
        }
        const today = todayIso();
        console.log('');
        console.log(
          overviewText(
            await districtOverview({ pool: store.pool, regionCode: district.regionCode }, today),
            district.name,
            today,
          ),
        );
      });
    });
}
