package dev.vigil.core.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretResolverTest {
  private final SecretResolver resolver = new SecretResolver(Map.of("PROM_TOKEN", "s3cr3t", "EMPTY", "")::get);

  @Test
  void an_environment_reference_yields_the_variable_and_prints_as_stars() {
    var secret = resolver.resolve(SecretRef.parse("${env:PROM_TOKEN}"));
    assertThat(secret.reveal()).isEqualTo("s3cr3t");
    assertThat(secret.toString()).isEqualTo("***");
    assertThat(resolver.state(SecretRef.parse("${env:PROM_TOKEN}"))).isEqualTo("set");
  }

  @Test
  void a_file_reference_yields_the_content_without_its_trailing_line_break(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "from-file\n");
    assertThat(resolver.resolve(SecretRef.parse("${file:" + file + "}")).reveal()).isEqualTo("from-file");
  }

  @Test
  void an_unset_variable_or_missing_file_is_unset_and_resolving_it_names_the_reference(@TempDir Path dir) {
    assertThat(resolver.state(new SecretRef.Env("EMPTY"))).isEqualTo("unset");
    assertThat(resolver.state(new SecretRef.File(dir.resolve("none")))).isEqualTo("unset (no such file)");
    assertThatThrownBy(() -> resolver.resolve(new SecretRef.Env("NOPE")))
        .isInstanceOf(SecretResolver.UnresolvedSecretException.class)
        .hasMessage("${env:NOPE} is unset");
  }

  @Test
  void references_must_be_env_or_absolute_file() {
    assertThatThrownBy(() -> SecretRef.parse("${file:relative/path}")).hasMessageContaining("absolute");
    assertThatThrownBy(() -> SecretRef.parse("${vault:x}")).hasMessageContaining("must be a reference");
    assertThatThrownBy(() -> SecretRef.parse("${env:1BAD}")).hasMessageContaining("environment variable name");
  }
}
