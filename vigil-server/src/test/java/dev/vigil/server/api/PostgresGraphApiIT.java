package dev.vigil.server.api;

import java.io.IOException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The graph API contract on a fresh PostgreSQL database, as {@link PostgresApiIT} makes one. */
@ExtendWith(PostgresApiIT.RequiresPostgres.class)
class PostgresGraphApiIT extends GraphApiContract {
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    PostgresApiIT.properties(registry);
    graphProperties(registry);
  }
}
