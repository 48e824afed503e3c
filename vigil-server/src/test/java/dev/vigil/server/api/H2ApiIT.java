package dev.vigil.server.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The API contract on the embedded H2 database in a private data folder. */
class H2ApiIT extends ApiContract {
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    commonProperties(registry);
  }
}
