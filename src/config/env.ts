/** The one place that reads process.env; everything else imports `env`. */
import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  TEST_DATABASE_URL: z.string().url().optional(),
  BIANZHI_DATA: z.string().min(1).default('./data'),
  BIANZHI_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  BIANZHI_REGION: z
    .string()
    .regex(/^\d{6}$/, 'BIANZHI_REGION 应为6位行政区划代码')
    .optional(),
  BIANZHI_ACTOR: z.string().min(1).optional(),
  /** 编委's decision by someone other than the drafter (default on); `false` lets one person draft and approve. */
  BIANZHI_APPROVER_MUST_DIFFER: z
    .enum(['true', 'false', '1', '0'], { message: 'BIANZHI_APPROVER_MUST_DIFFER 应为 true 或 false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  CI: z.string().optional(),
  /** set by npm for the script it runs (`npm start`): the server then stops when npm is gone */
  npm_lifecycle_event: z.string().optional(),
  NODE_ENV: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

function loadEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量无效:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const env: Env = loadEnv();
