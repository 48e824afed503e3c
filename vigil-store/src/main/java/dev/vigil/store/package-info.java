/**
 * JDBC implementations of core's stores on the embedded H2 database and on PostgreSQL, the
 * transaction that binds them together, and the schema migrations (one set for both databases).
 */
package dev.vigil.store;
