package io.accessflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness works end to end on a handful of requests; it measures nothing worth reading. Runs in
 * a Surefire execution of its own (pom.xml): the app it starts needs the JVM to itself.
 */
class BenchmarkSmokeCheck {

  @Test
  void aTinyRunWritesEveryFigure(@TempDir Path output) throws Exception {
    new Benchmark(new BenchmarkSettings("h2", "throughput", 5, 2, Duration.ofMillis(5), Duration.ofMinutes(1), output)).run();

    JsonNode results = new ObjectMapper().readTree(output.resolve("results.json").toFile());
    JsonNode accessflow = results.path("accessflow");
    for (String figure : new String[] {"requestsPerSecond", "acceptedMs", "approvalToProvisionedMs", "lifecycleMs",
        "atlassianCallsPerRequest", "cpuSeconds", "peakHeapMb"}) {
      assertThat(accessflow.has(figure)).as(figure).isTrue();
    }
    assertThat(accessflow.path("lifecycleMs").path("p99").asLong()).isPositive();
    assertThat(results.path("baseline").path("instancesPerSecond").asDouble()).isPositive();
    assertThat(results.path("throughputRatio").asDouble()).isPositive();
    assertThat(Files.readString(output.resolve("results.md"))).contains("throughput ratio to the bare engine");
  }
}
