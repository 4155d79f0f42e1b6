/**
 * Third-party test data, kept with attribution. It is not part of dynatx's own source.
 *
 * Source repository: https://github.com/iOSonntag/electrodb-migrations
 * License: Apache-2.0
 * Commit: 8d6eaaf9ad8226012601fd8db19d7e48f3ebc0de
 * Files:
 *   - src/internal-entities/migration-runs.ts
 *   - src/internal-entities/migration-state.ts
 *   - src/internal-entities/migrations.ts
 *
 * Only the ElectroDB schema objects (model / attributes / indexes, hook functions included) are
 * copied from these files, unchanged except where a comment says otherwise. Imports the schemas
 * relied on are replaced by minimal stand-ins written for this corpus (marked below).
 */
import type { CorpusEntryDefinition } from '../corpus-types.js';

// The factories take the key field names from options, defaulting to DEFAULT_TABLE_KEYS
// ({ pk: 'pk', sk: 'sk' } in src/internal-entities/types.ts); the defaults are used here.
const pkField = 'pk';
const skField = 'sk';

export default [
  {
    name: 'iOSonntag/electrodb-migrations:src/internal-entities/migration-runs.ts#createMigrationRunsEntity',
    source: { repo: 'iOSonntag/electrodb-migrations', path: 'src/internal-entities/migration-runs.ts', commit: '8d6eaaf9ad8226012601fd8db19d7e48f3ebc0de' },
    schema: {
      model: {
        entity: '_migration_runs',
        version: '1',
        service: '_electrodb_migrations',
      },
      attributes: {
        runId: { type: 'string', required: true },
        schemaVersion: { type: 'number', required: true },
        command: {
          type: ['apply', 'rollback', 'finalize'] as const,
          required: true,
        },
        status: {
          type: ['running', 'completed', 'failed'] as const,
          required: true,
        },
        migrationId: { type: 'string', required: true },
        startedAt: { type: 'string', required: true },
        completedAt: { type: 'string' },
        startedBy: { type: 'string' },
        error: {
          type: 'map',
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            details: { type: 'string' },
          },
        },
        // Phase 3 delta (ENT-04):
        /**
         * Last heartbeat timestamp written by the runner during this run. Updated on every state
         * transition (acquire, transition-to-release, mark-failed) and on final completion. Phase 9's
         * `getRunStatus(runId)` reads this single row after the run completes — eliminating the
         * cross-row read that would otherwise be required to surface heartbeat freshness on the run
         * record. (ARCHITECTURE.md §11.)
         */
        lastHeartbeatAt: { type: 'string' },
      },
      indexes: {
        byRunId: {
          pk: { field: pkField, composite: ['runId'] },
          sk: { field: skField, composite: [] },
        },
      },
    },
  },
  {
    name: 'iOSonntag/electrodb-migrations:src/internal-entities/migration-state.ts#createMigrationStateEntity',
    source: { repo: 'iOSonntag/electrodb-migrations', path: 'src/internal-entities/migration-state.ts', commit: '8d6eaaf9ad8226012601fd8db19d7e48f3ebc0de' },
    schema: {
      model: {
        entity: '_migration_state',
        version: '1',
        service: '_electrodb_migrations',
      },
      attributes: {
        id: { type: 'string', required: true },
        schemaVersion: { type: 'number', required: true },
        updatedAt: { type: 'string', required: true },
        inFlightIds: { type: 'set', items: 'string' },
        failedIds: { type: 'set', items: 'string' },
        releaseIds: { type: 'set', items: 'string' },
        lockHolder: { type: 'string' },
        lockRunId: { type: 'string' },
        lockAcquiredAt: { type: 'string' },
        lockState: {
          type: ['free', 'apply', 'finalize', 'rollback', 'release', 'failed', 'dying'] as const,
          required: true,
        },
        lockMigrationId: { type: 'string' },
        heartbeatAt: { type: 'string' },
      },
      indexes: {
        byId: {
          pk: { field: pkField, composite: ['id'] },
          sk: { field: skField, composite: [] },
        },
      },
    },
  },
  {
    name: 'iOSonntag/electrodb-migrations:src/internal-entities/migrations.ts#createMigrationsEntity',
    source: { repo: 'iOSonntag/electrodb-migrations', path: 'src/internal-entities/migrations.ts', commit: '8d6eaaf9ad8226012601fd8db19d7e48f3ebc0de' },
    schema: {
      model: {
        entity: '_migrations',
        version: '1',
        service: '_electrodb_migrations',
      },
      attributes: {
        id: { type: 'string', required: true },
        schemaVersion: { type: 'number', required: true },
        kind: { type: ['transform'] as const, required: true },
        status: {
          type: ['pending', 'applied', 'finalized', 'failed', 'reverted'] as const,
          required: true,
        },
        appliedAt: { type: 'string' },
        finalizedAt: { type: 'string' },
        revertedAt: { type: 'string' },
        appliedBy: { type: 'string' },
        appliedRunId: { type: 'string' },
        revertedRunId: { type: 'string' },
        fromVersion: { type: 'string', required: true },
        toVersion: { type: 'string', required: true },
        entityName: { type: 'string', required: true },
        fingerprint: { type: 'string', required: true },
        itemCounts: {
          type: 'map',
          properties: {
            scanned: { type: 'number' },
            migrated: { type: 'number' },
            skipped: { type: 'number' },
            failed: { type: 'number' },
            // `deleted` is finalize-only (number of v1 records reaped after a
            // successful apply). Apply rows leave it absent; finalize rows leave
            // `migrated` at 0 and use `deleted` for the reap count. Keeping the
            // two slots distinct avoids consumers of `history --json` reading
            // a delete count as an apply-time `migrated` total.
            deleted: { type: 'number' },
          },
        },
        error: {
          type: 'map',
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            details: { type: 'string' },
          },
        },
        // Phase 3 deltas (ENT-03, CTX-06):
        /**
         * Cross-entity reads declared on `defineMigration({reads: [Other, ...]})`. Persisted at apply
         * time so the validate gate (Phase 7, VAL-05) and Phase 6's `ctx.entity()` proxy can enforce
         * cross-entity ordering without re-importing the migration source. Set type for cardinality
         * 0..N.
         */
        reads: { type: 'set', items: 'string' },
        /**
         * The strategy used by the most recent rollback attempt; `null`/absent until the migration
         * is reverted. Phase 5 (RBK-05/06/07/08) writes this value at rollback time so the audit
         * trail records WHICH strategy executed, not just that the migration was reverted.
         */
        rollbackStrategy: {
          type: ['projected', 'snapshot', 'fill-only', 'custom'] as const,
        },
        /**
         * Captured at apply time from the migration object so post-finalize rollback (Phase 5,
         * RBK-09) can refuse `--strategy projected`/`fill-only` without re-importing the migration
         * source.
         */
        hasDown: { type: 'boolean' },
        /**
         * Captured at apply time so post-finalize rollback can refuse `--strategy custom` without
         * re-importing.
         */
        hasRollbackResolver: { type: 'boolean' },
      },
      indexes: {
        byId: {
          pk: { field: pkField, composite: ['id'] },
          sk: { field: skField, composite: [] },
        },
      },
    },
  },
] satisfies CorpusEntryDefinition[];
