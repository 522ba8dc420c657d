package io.accessflow.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one benchmark run does, read from system properties ({@code -Dbenchmark.requests=200} on the
 * Maven command line). The defaults finish within minutes on two cores.
 *
 * @param warmup requests (and bare instances) run before measuring, so that the JIT has compiled
 *     what the measured stretch runs
 * @param mode {@code throughput} (accessflow against the bare engine) or {@code soak} (accessflow
 *     with the sandbox injecting faults)
 * @param failureRate, rateLimitRate, retryAfter what the sandbox injects in a soak: the share of calls
 *     answered 500/503 and 429, and the {@code Retry-After} it gives
 * @param retryCycle the app's {@code accessflow.atlassian.retry-cycle} for the run; null = the app's own
 * @param appArgs further app settings for the run, e.g. {@code --camunda.bpm.history-level=activity}
 * @param profile whether to record each measured stretch with Java Flight Recorder
 * @param soakWait how long a soak waits for every request to end: the models' retry cycle
 *     (PT10S, PT1M, PT5M, ...) sets how long a request hit by repeated faults takes
 */
record BenchmarkSettings(String database, String mode, int requests, int warmup, int clients, Duration latency,
    Duration soakWait, double failureRate, double rateLimitRate, Duration retryAfter, String retryCycle, List<String> appArgs,
    boolean profile, Path output) {

  /** A throughput run, as the defaults have it but for the numbers given. */
  static BenchmarkSettings throughput(String database, int requests, int warmup, int clients, Duration latency, Path output) {
    return new BenchmarkSettings(database, "throughput", requests, warmup, clients, latency, Duration.ofMinutes(5), 0, 0,
        Duration.ofSeconds(1), null, List.of(), false, output);
  }

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
    int requests = Integer.getInteger("benchmark.requests", defaultRequests);
    return new BenchmarkSettings(database, mode, requests,
        // until the JIT has compiled the hot paths, it competes with the app for the two cores
        Integer.getInteger("benchmark.warmup", mode.equals("soak") ? 8 : 500),
        Integer.getInteger("benchmark.clients", 4),
        duration(System.getProperty("benchmark.latency", "50ms")),
        duration(System.getProperty("benchmark.soak-wait", "4m")),
        Double.parseDouble(System.getProperty("benchmark.failure-rate", "0.2")),
        Double.parseDouble(System.getProperty("benchmark.rate-limit-rate", "0.1")),
        duration(System.getProperty("benchmark.retry-after", "1s")),
        // a soak's 5xx send requests through the retry cycle; the app's (10 s, 1 min, 5 min, ...)
        // would make the run last as long as its third wait
        System.getProperty("benchmark.retry-cycle", mode.equals("soak") ? "PT1S,PT2S,PT5S,PT10S,PT30S" : null),
        // -Dbenchmark.app-args="--camunda.bpm.history-level=activity ...": settings to compare
        Arrays.stream(System.getProperty("benchmark.app-args", "").trim().split("\\s+")).filter(arg -> !arg.isEmpty()).toList(),
        Boolean.getBoolean("benchmark.profile"),
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
