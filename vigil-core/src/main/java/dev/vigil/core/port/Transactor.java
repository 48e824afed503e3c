package dev.vigil.core.port;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: everything the stores write inside commits together or
 * not at all. Nested calls join the outer transaction.
 */
public interface Transactor {
  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
