/**
 * zod's built-in messages in Chinese ("无效输入:期望 string…") for the few checks that carry no message of their own;
 * imported once by each entry point (server, CLI) for this side effect.
 */
import { z } from 'zod';

z.config(z.locales.zhCN());
