package io.accessflow.benchmark;

import java.util.Map;

/** The results as the Markdown table the README shows. */
final class BenchmarkTable {

  private BenchmarkTable() {}

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> results) {
    Map<String, Object> machine = (Map<String, Object>) results.get("machine");
    Map<String, Object> settings = (Map<String, Object>) results.get("settings");
    Map<String, Object> accessflow = (Map<String, Object>) results.get("accessflow");
    StringBuilder md = new StringBuilder();
    md.append("%s, %s requests after %s warm-up, %s clients, sandbox latency %s ms, %s mode; %s cores, %s GB, %s (max heap %s MB)%n%n"
        .formatted(settings.get("database"), settings.get("requests"), settings.get("warmup"), settings.get("clients"),
            settings.get("sandboxLatencyMs"), settings.get("mode"), machine.get("cores"), machine.get("memoryGb"), machine.get("java"),
            machine.get("maxHeapMb")));
    md.append("| measure | value |\n|---|---|\n");
    row(md, "requests per second, end to end", accessflow.get("requestsPerSecond"));
    if (results.containsKey("baseline")) {
      row(md, "bare engine, instances per second", ((Map<String, Object>) results.get("baseline")).get("instancesPerSecond"));
      row(md, "throughput ratio to the bare engine", results.get("throughputRatio"));
    }
    row(md, "request accepted, ms (p50 / p95 / p99)", triple(accessflow.get("acceptedMs")));
    row(md, "approval completed → provisioned, ms (p50 / p95 / p99)", triple(accessflow.get("approvalToProvisionedMs")));
    row(md, "whole lifecycle, ms (p50 / p95 / p99)", triple(accessflow.get("lifecycleMs")));
    row(md, "Atlassian calls per request", accessflow.get("atlassianCallsPerRequest"));
    row(md, "CPU time, s (app and clients)", accessflow.get("cpuSeconds"));
    if (results.containsKey("baseline")) {
      row(md, "CPU per request, ms: accessflow / bare engine", "%s / %s".formatted(accessflow.get("cpuMsPerRequest"),
          ((Map<String, Object>) results.get("baseline")).get("cpuMsPerInstance")));
    }
    Map<String, Object> threads = (Map<String, Object>) accessflow.get("cpuSecondsByThread");
    if (threads != null) {
      row(md, "CPU, s: job executor / HTTP threads / JIT compiler", "%s / %s / %s".formatted(
          threads.get("camundaTaskExecutor"), threads.get("http-nio-auto-exec"), threads.getOrDefault("JIT compiler (JVM)", "–")));
    }
    row(md, "engine commands (transactions) per request", accessflow.get("engineCommandsPerRequest"));
    if (accessflow.containsKey("sql")) {
      row(md, "SQL statements per request (H2)", ((Map<String, Object>) accessflow.get("sql")).get("statementsPerRequest"));
    }
    row(md, "peak heap, MB", accessflow.get("peakHeapMb"));
    if (accessflow.containsKey("soak")) {
      Map<String, Object> soak = (Map<String, Object>) accessflow.get("soak");
      row(md, "soak: completed / lost / doubled", "%s / %s / %s".formatted(soak.get("completed"), soak.get("lost"), soak.get("doubled")));
      row(md, "soak: incidents left", soak.get("incidentsLeft"));
      row(md, "soak: injected faults", soak.get("injectedFaults"));
      row(md, "soak: passed", soak.get("passed"));
    }
    return md.toString();
  }

  @SuppressWarnings("unchecked")
  private static String triple(Object percentiles) {
    Map<String, Object> p = (Map<String, Object>) percentiles;
    return "%s / %s / %s".formatted(p.get("p50"), p.get("p95"), p.get("p99"));
  }

  private static void row(StringBuilder md, String name, Object value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }
}
