package io.accessflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness works end to end on a handful of requests; it measures nothing worth reading. Runs in
 * a Surefire execution of its own (pom.xml): the app it starts needs the JVM to itself.
 */
class BenchmarkSmokeCheck {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aTinyRunWritesEveryFigure(@TempDir Path output) throws Exception {
    new Benchmark(BenchmarkSettings.throughput("h2", 5, 2, 2, Duration.ofMillis(5), output)).run();

    JsonNode results = json.readTree(output.resolve("results.json").toFile());
    JsonNode accessflow = results.path("accessflow");
    for (String figure : new String[] {"requestsPerSecond", "acceptedMs", "approvalToProvisionedMs", "lifecycleMs",
        "atlassianCallsPerRequest", "atlassianCallsPerRequestByEndpoint", "cpuSeconds", "cpuSecondsByThread", "peakHeapMb",
        "engineCommandsPerRequest"}) {
      assertThat(accessflow.has(figure)).as(figure).isTrue();
    }
    assertThat(accessflow.path("lifecycleMs").path("p99").asLong()).isPositive();
    // H2 counted the statements: a request runs hundreds
    assertThat(accessflow.path("sql").path("statementsPerRequest").asDouble()).isGreaterThan(50);
    assertThat(accessflow.path("atlassianCallsPerRequestByEndpoint").path("POST /rest/api/3/group").asDouble()).isEqualTo(1.0);
    assertThat(results.path("baseline").path("instancesPerSecond").asDouble()).isPositive();
    assertThat(results.path("throughputRatio").asDouble()).isPositive();
    assertThat(Files.readString(output.resolve("results.md"))).contains("throughput ratio to the bare engine");
  }

  @Test
  void aTinyRunOnPostgresMeasuresBothSides(@TempDir Path output) throws Exception {
    new Benchmark(BenchmarkSettings.throughput("postgres", 3, 1, 1, Duration.ofMillis(5), output)).run();

    JsonNode results = json.readTree(output.resolve("results.json").toFile());
    assertThat(results.path("settings").path("database").asText()).isEqualTo("postgres");
    assertThat(results.path("accessflow").path("requestsPerSecond").asDouble()).isPositive();
    assertThat(results.path("accessflow").path("atlassianCallsPerRequest").asDouble()).isEqualTo(5.0);
    // H2's statement counts have no PostgreSQL counterpart here
    assertThat(results.path("accessflow").has("sql")).isFalse();
    assertThat(results.path("baseline").path("instancesPerSecond").asDouble()).isPositive();
  }

  @Test
  void aTinySoakThroughRateLimitsCompletesEveryRequestOnce(@TempDir Path output) throws Exception {
    // rate limits only: their Retry-After of 1 s keeps the run short, where 5xx would wait for the
    // models' retry cycle (10 s, then a minute)
    BenchmarkSettings settings = new BenchmarkSettings("h2", "soak", 5, 2, 2, Duration.ofMillis(5), Duration.ofMinutes(2),
        0, 0.4, Duration.ofSeconds(1), "PT1S,PT2S", List.of(), false, output);
    BenchmarkRun.requirePassedSoak(new Benchmark(settings).run());

    JsonNode soak = json.readTree(output.resolve("results.json").toFile()).path("accessflow").path("soak");
    assertThat(soak.path("completed").asLong()).isEqualTo(5);
    assertThat(soak.path("groupsCreated").asLong()).isEqualTo(5);
    // 0.4 of some 25 calls: the chance that none was limited is below one in 300 000
    assertThat(soak.path("injectedFaults").asLong()).isPositive();
    assertThat(Files.readString(output.resolve("results.md"))).contains("soak: completed / lost / doubled | 5 / 0 / 0");
  }
}
