/** Every API route plugin, one per resource, mounted under /api. */
import type { FastifyInstance } from 'fastify';
import health from './health.ts';
import bodies from './bodies.ts';
import sections from './sections.ts';
import plans from './plans.ts';
import items from './items.ts';
import milestones from './milestones.ts';
import kpis from './kpis.ts';
import kpiValues from './kpi-values.ts';
import reference from './reference.ts';
import standardization from './standardization.ts';
import dashboard from './dashboard.ts';
import auth from './auth.ts';
import audit from './audit.ts';
import updates from './updates.ts';
import quarters from './quarters.ts';
import rollups from './rollups.ts';
import imports from './imports.ts';
import loginLog from './login-log.ts';
import referencePacks from './reference-packs.ts';
import publicData from './public.ts';
import publication from './publication.ts';
import accounts from './accounts.ts';
import reporting from './reporting.ts';

export default async function apiRoutes(app: FastifyInstance) {
  for (const plugin of [health, auth, bodies, sections, plans, items, milestones, kpis, kpiValues, reference, standardization, dashboard, audit, updates, quarters, rollups, imports, loginLog, referencePacks, publicData, publication, accounts, reporting]) {
    await app.register(plugin);
  }
}
