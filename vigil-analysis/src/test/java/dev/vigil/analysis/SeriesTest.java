package dev.vigil.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTest {
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void nan_values_are_skipped_and_counted() {
    Series s = Series.of(List.of(new Sample(T, 1), new Sample(T.plusSeconds(1), Double.NaN),
        new Sample(T.plusSeconds(2), 3)));
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.skippedNaN()).isEqualTo(1);
    assertThat(s.values()).containsExactly(1, 3);
  }

  @Test
  void duplicated_timestamps_are_rejected_naming_the_sample() {
    assertThatThrownBy(() -> Series.of(List.of(new Sample(T, 1), new Sample(T, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("samples[1]").hasMessageContaining("duplicates");
  }

  @Test
  void unsorted_timestamps_are_rejected_naming_the_sample() {
    assertThatThrownBy(() -> Series.of(List.of(new Sample(T, 1), new Sample(T.plusSeconds(5), 2),
        new Sample(T.plusSeconds(3), 2))))
        .hasMessageContaining("samples[2]").hasMessageContaining("is before");
  }

  @Test
  void infinite_values_are_rejected() {
    assertThatThrownBy(() -> Series.of(List.of(new Sample(T, Double.POSITIVE_INFINITY))))
        .hasMessageContaining("samples[0] value must be finite");
  }
}
