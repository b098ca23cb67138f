import type { ServerContext } from '../app.js';
import { adjustmentRoutes } from './adjustments.routes.js';
import { adminRoutes } from './admin.routes.js';
import { analysisRoutes } from './analysis.routes.js';
import { authRoutes } from './auth.routes.js';
import { fileRoutes } from './files.routes.js';
import { registryRoutes } from './registry.routes.js';
import { rosterRoutes } from './roster.routes.js';
import { scenarioRoutes } from './scenarios.routes.js';
import { staffingRoutes } from './staffing.routes.js';
import type { Api } from './route-kit.js';

export function registerRoutes(app: Api, ctx: ServerContext) {
  authRoutes(app, ctx);
  registryRoutes(app, ctx);
  adjustmentRoutes(app, ctx);
  fileRoutes(app, ctx);
  analysisRoutes(app, ctx);
  adminRoutes(app, ctx);
  scenarioRoutes(app, ctx);
  rosterRoutes(app, ctx);
  staffingRoutes(app, ctx);
}
