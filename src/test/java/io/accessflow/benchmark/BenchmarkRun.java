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
  @SuppressWarnings("unchecked")
  void benchmark() throws Exception {
    BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
    Map<String, Object> results = new Benchmark(settings).run();
    if (settings.soak()) {
      Map<String, Object> soak = (Map<String, Object>) ((Map<String, Object>) results.get("accessflow")).get("soak");
      assertThat(soak.get("passed")).as("soak: all completed, none lost, none doubled: %s", soak).isEqualTo(true);
    }
  }
}
