/**
 * Test support published in vigil-store's test-jar: fresh migrated databases (H2 in memory, or a
 * new database on the PostgreSQL server that {@code ./vigil test} starts).
 */
package dev.vigil.store.testing;
