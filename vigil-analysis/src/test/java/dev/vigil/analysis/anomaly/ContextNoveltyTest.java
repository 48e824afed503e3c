package dev.vigil.analysis.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContextNoveltyTest {
  /** A saw tooth 0, 1, ..., 9, 0, 1, ...: ten values, so each falls in its own slice of the range. */
  private static double tooth(int i) {
    return i % 10;
  }

  /** A memory of orders 1..4 over 10 levels that has seen the first {@code points} points of the saw tooth. */
  private static ContextNovelty afterTooth(int points) {
    ContextNovelty n = new ContextNovelty(10, 4);
    for (int i = 0; i < points; i++) {
      n.next(tooth(i));
    }
    return n;
  }

  @Test
  void a_repeating_shape_stops_being_new() {
    ContextNovelty n = afterTooth(50);
    for (int i = 50; i < 80; i++) {
      assertThat(n.next(tooth(i))).as("point " + i).isZero();
    }
  }

  @Test
  void a_step_never_taken_is_new_at_every_order() {
    ContextNovelty n = afterTooth(59);
    // After 8 comes 9 every time; 2 right after 8 is new even as a pair, so every longer context is new too.
    assertThat(n.next(2)).isEqualTo(1.0);
  }

  @Test
  void a_known_step_in_a_new_sequence_is_new_only_for_the_longer_orders() {
    ContextNovelty n = afterTooth(60);
    // 0 then 2 (new pair), then 3: "2 then 3" is known, "0, 2, 3" and longer are not.
    n.next(0);
    n.next(2);
    assertThat(n.next(3)).isEqualTo(0.75);
  }

  @Test
  void a_value_beyond_the_range_seen_so_far_is_new() {
    ContextNovelty n = afterTooth(60);
    assertThat(n.next(50)).isEqualTo(1.0);
  }

  @Test
  void memory_stays_bounded_and_keeps_working_when_it_fills() {
    ContextNovelty n = new ContextNovelty(64, 8);
    java.util.Random r = new java.util.Random(7);
    // Random levels make almost every long context new: far more than one generation of the bit set holds.
    for (int i = 0; i < 200_000; i++) {
      n.next(r.nextDouble());
    }
    for (int i = 0; i < 50; i++) {
      n.next(tooth(i) / 10.0);
    }
    assertThat(n.next(tooth(50) / 10.0)).isLessThan(1.0);
  }
}
