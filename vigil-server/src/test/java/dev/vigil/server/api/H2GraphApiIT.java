package dev.vigil.server.api;

import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The graph API contract on the embedded H2 database in a private data folder. */
class H2GraphApiIT extends GraphApiContract {
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    ApiContract.commonProperties(registry);
    graphProperties(registry);
  }
}
