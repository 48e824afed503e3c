/** {@code ./vigil bench console}: the web console's server time on a large estate in PostgreSQL. */
package dev.vigil.bench.console;
