package io.accessflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's entry point: {@code ./mvnw -Pbenchmark verify}. Named so that the normal test
 * run (which picks up {@code *Test}) never runs it; the {@code benchmark} profile runs only this.
 * A soak fails the build unless every request completed, none was lost and no change was made twice.
 */
class BenchmarkRun {

  @Test
  void benchmark() throws Exception {
    requirePassedSoak(new Benchmark(BenchmarkSettings.fromSystemProperties()).run());
  }

  /** Fails (and so the Maven run exits non-zero) when a soak lost a request or made a change twice. */
  @SuppressWarnings("unchecked")
  static void requirePassedSoak(Map<String, Object> results) {
    Map<String, Object> soak = (Map<String, Object>) ((Map<String, Object>) results.get("accessflow")).get("soak");
    if (soak != null) {
      assertThat(soak.get("passed")).as("soak: all completed, none lost, none doubled: %s", soak).isEqualTo(true);
    }
  }
}
