package io.accessflow.benchmark;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one benchmark run does, read from system properties ({@code -Dbenchmark.requests=200} on the
 * Maven command line). The defaults finish within minutes on two cores.
 *
 * @param mode {@code throughput} (accessflow against the bare engine) or {@code soak} (accessflow
 *     with the sandbox injecting faults)
 * @param soakWait how long a soak waits for every request to end: the models' retry cycle
 *     (PT10S, PT1M, PT5M, ...) sets how long a request hit by repeated faults takes
 */
record BenchmarkSettings(String database, String mode, int requests, int clients, Duration latency, Duration soakWait,
    Path output) {

  static BenchmarkSettings fromSystemProperties() {
    String mode = System.getProperty("benchmark.mode", "throughput");
    if (!mode.equals("throughput") && !mode.equals("soak")) {
      throw new IllegalArgumentException("benchmark.mode is throughput or soak, not " + mode);
    }
    String database = System.getProperty("benchmark.database", "h2");
    if (!database.equals("h2") && !database.equals("postgres")) {
      throw new IllegalArgumentException("benchmark.database is h2 or postgres, not " + database);
    }
    // a soak's faults send requests through retries that wait seconds to minutes: fewer requests
    int defaultRequests = mode.equals("soak") ? 60 : 200;
    return new BenchmarkSettings(database, mode,
        Integer.getInteger("benchmark.requests", defaultRequests),
        Integer.getInteger("benchmark.clients", 4),
        duration(System.getProperty("benchmark.latency", "50ms")),
        duration(System.getProperty("benchmark.soak-wait", "8m")),
        Path.of(System.getProperty("benchmark.output", "target/benchmark")));
  }

  boolean soak() {
    return mode.equals("soak");
  }

  /** {@code 50ms}, {@code 2s}, {@code 8m} or an ISO-8601 duration. */
  static Duration duration(String text) {
    String value = text.trim();
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    if (value.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }
    if (value.endsWith("m") && !value.startsWith("P")) {
      return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
    }
    return Duration.parse(value);
  }
}
