/** Named errors of the application; mapped to exit codes / HTTP statuses in one place (src/cli, src/server). */
export type AppErrorCode = 'validation' | 'not_found' | 'conflict' | 'invariant' | 'forbidden' | 'locked' | 'database';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what}不存在`);
export const conflict = (message: string) => new AppError('conflict', message);
export const invariantViolated = (message: string, details?: unknown) => new AppError('invariant', message, details);
export const validationFailed = (message: string, details?: unknown) => new AppError('validation', message, details);
export const dataFolderLocked = (dir: string, pid: number) =>
  new AppError(
    'locked',
    `数据目录 ${dir} 正被进程 ${pid} 使用(另一个 bianzhi 命令正在运行);请等它结束后再试。` +
      '服务器(npm start 或 bianzhi serve)运行时不必停止它:命令会直接连接服务器的数据库',
  );
export const forbidden = (message = '无权执行此操作') => new AppError('forbidden', message);
export const staleVersion = (what: string) => conflict(`${what}已被他人修改,请刷新后重试`);
