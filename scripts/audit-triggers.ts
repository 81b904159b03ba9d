/**
 * `npm run -s db:audit-triggers`: prints the SQL of the audit triggers generated from the drizzle schema
 * (server/audit/triggers.ts), to paste into a custom migration
 * (`npx drizzle-kit generate --custom --name audit_triggers`) after an audited table changed.
 */
import { auditMigrationSql } from '../server/audit/triggers.ts';

process.stdout.write(auditMigrationSql());
