/** bianzhi user add / reset / list: accounts of the district; passwords are one-time and shown once. */
import { Option, type Command } from 'commander';
import { roleLabels, roles, type Role } from '../domain/vocabulary.js';
import { formatTable } from './overview.presenter.js';
import { regionOption } from './options.js';
import { withSession } from './session.js';

export const oneTimePasswordNotice = (username: string, password: string) =>
  `账号 ${username} 的一次性密码:${password}\n(只显示这一次;首次登录后必须修改。忘记时由管理员运行 bianzhi user reset ${username})`;

export function registerUserCommands(program: Command) {
  const user = program.command('user').description('用户管理(系统管理员)');
  user
    .command('add <username>')
    .description('新增用户,输出一次性密码')
    .addOption(
      new Option('--role <role>', `角色:${roles.map((r) => `${r}(${roleLabels[r]})`).join('、')}`)
        .choices(roles)
        .makeOptionMandatory(),
    )
    .option('--name <displayName>', '显示名称')
    .option('--institution <name>', '单位填报员所属机构名称')
    .option(...regionOption)
    .action(async (username: string, opts: { role: Role; name?: string; institution?: string; region?: string }) => {
      const { createUser } = await import('../commands/users.js');
      await withSession(opts.region, async ({ ctx }) => {
        const u = await createUser(ctx, {
          username,
          role: opts.role,
          displayName: opts.name,
          institution: opts.institution,
        });
        console.log(`已新增用户 ${u.username}(${roleLabels[u.role]})。`);
        console.log(oneTimePasswordNotice(u.username, u.oneTimePassword));
      });
    });
  user
    .command('reset <username>')
    .description('重置密码(解除锁定,结束其全部会话),输出新的一次性密码')
    .option(...regionOption)
    .action(async (username: string, opts: { region?: string }) => {
      const { resetPassword } = await import('../commands/users.js');
      await withSession(opts.region, async ({ ctx }) => {
        const r = await resetPassword(ctx, username);
        console.log(oneTimePasswordNotice(r.username, r.oneTimePassword));
      });
    });
  user
    .command('list')
    .description('列出用户')
    .option(...regionOption)
    .action(async (opts: { region?: string }) => {
      const { usersOfDistrict } = await import('../commands/users.js');
      await withSession(opts.region, async ({ ctx }) => {
        const rows = (await usersOfDistrict(ctx)).map((u) => [
          u.username,
          u.displayName,
          roleLabels[u.role],
          u.disabled ? '已停用' : u.mustChangePassword ? '待改密码' : '正常',
        ]);
        console.log(formatTable([['用户名', '名称', '角色', '状态'], ...rows]).join('\n'));
      });
    });
}
