package io.accessflow.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.accessflow.AccessflowApplication;
import io.accessflow.postgres.TestPostgres;
import io.accessflow.routing.ApprovalTimes;
import io.accessflow.sandbox.SandboxCall;
import io.accessflow.sandbox.SandboxCallLog;
import io.accessflow.sandbox.SandboxFaults;
import io.accessflow.sandbox.SandboxStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * The benchmark: starts accessflow with its sandbox, drives requests through
 * {@code POST /api/access-requests} with concurrent clients, approves them through
 * {@code /engine-rest} as the approver and waits until each has ended. In the same engine and
 * database it then drives a bare process with the same wait states and async boundaries through
 * the Java API, so accessflow's throughput reads as a share of what the engine alone does here.
 * The soak mode drives the same load with the sandbox injecting faults and counts what got lost or
 * was done twice.
 */
final class Benchmark {

  static final String REQUESTER = "carol@example.com";
  static final String APPROVER = "frank@example.com";
  private static final String PASSWORD = "demo";
  private static final Duration TASK_WAIT = Duration.ofMinutes(5);
  /** How often an approver with nothing to do looks again. */
  private static final Duration POLL = Duration.ofMillis(50);
  /** The oldest open approvals an approver looks at each time, as a Tasklist page shows a few. */
  private static final int APPROVALS_PAGE = 50;
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final BenchmarkSettings settings;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final CommandCount commands = new CommandCount();
  private final HttpCpu httpCpu = new HttpCpu();
  private ConfigurableApplicationContext app;
  private String base;

  Benchmark(BenchmarkSettings settings) {
    this.settings = settings;
  }

  /** Runs the benchmark, writes results.json and results.md, and returns the results. */
  Map<String, Object> run() throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("machine", machine());
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("database", settings.database());
    run.put("mode", settings.mode());
    run.put("requests", settings.requests());
    run.put("warmup", settings.warmup());
    run.put("clients", settings.clients());
    run.put("sandboxLatencyMs", settings.latency().toMillis());
    if (settings.soak()) {
      run.put("failureRate", settings.failureRate());
      run.put("rateLimitRate", settings.rateLimitRate());
      run.put("retryAfterMs", settings.retryAfter().toMillis());
      run.put("retryCycle", settings.retryCycle());
    }
    results.put("settings", run);
    start();
    try {
      SandboxFaults faults = app.getBean(SandboxFaults.class);
      faults.setLatency(settings.latency());
      // warm-up, not measured: class loading and the JIT would otherwise land in the first requests
      driveAccessflow("warmup", settings.warmup());
      if (settings.soak()) {
        faults.setFailureRate(settings.failureRate());
        faults.setRateLimitRate(settings.rateLimitRate());
        faults.setRetryAfter(settings.retryAfter());
        results.put("accessflow", driveAccessflow("soak", settings.requests()));
      } else {
        driveBaseline("warmup", settings.warmup());
        Map<String, Object> accessflow = profiled("accessflow", () -> driveAccessflow("bench", settings.requests()));
        Map<String, Object> baseline = profiled("baseline", () -> driveBaseline("bench", settings.requests()));
        results.put("accessflow", accessflow);
        results.put("baseline", baseline);
        results.put("throughputRatio", round((double) accessflow.get("requestsPerSecond") / (double) baseline.get("instancesPerSecond")));
      }
    } finally {
      app.close();
    }
    write(results);
    return results;
  }

  interface Stretch {
    Map<String, Object> run() throws Exception;
  }

  /**
   * With {@code -Dbenchmark.profile=true}, a Java Flight Recording of just this measured stretch
   * goes to {@code <output>/<name>.jfr} (JDK Mission Control or {@code jfr print} read it).
   */
  private Map<String, Object> profiled(String name, Stretch stretch) throws Exception {
    if (!settings.profile()) {
      return stretch.run();
    }
    try (Recording recording = new Recording(Configuration.getConfiguration("default"))) {
      recording.start();
      Map<String, Object> result = stretch.run();
      recording.stop();
      Files.createDirectories(settings.output());
      recording.dump(settings.output().resolve(name + ".jfr"));
      return result;
    }
  }

  private void start() throws InterruptedException {
    RUNS.incrementAndGet();
    // the app as configured, in a JVM of its own (the benchmark profile, or the smoke test's own
    // Surefire run): /api and /engine-rest authenticate against the engine named "default", which
    // a second context in the same JVM would take over. The test classpath's contract recorder (it
    // keeps every sandbox exchange) is not part of the app.
    List<String> args = new ArrayList<>(List.of("--server.port=0",
        "--spring.autoconfigure.exclude=io.accessflow.atlassian.contract.ContractRecorderAutoConfiguration"));
    if (settings.database().equals("postgres")) {
      // the URL alone turns the postgres profile on, as in production
      args.addAll(List.of("--spring.datasource.url=" + TestPostgres.newDatabase("benchmark"),
          "--spring.datasource.username=" + TestPostgres.USER, "--spring.datasource.password="));
    }
    if (settings.retryCycle() != null) {
      args.add("--accessflow.atlassian.retry-cycle=" + settings.retryCycle());
    }
    args.addAll(settings.appArgs());
    app = new SpringApplicationBuilder(AccessflowApplication.class)
        .initializers(context -> {
          context.getBeanFactory().registerSingleton("benchmarkCommandCount", commands);
          FilterRegistrationBean<HttpCpu> outermost = new FilterRegistrationBean<>(httpCpu);
          outermost.setOrder(Ordered.HIGHEST_PRECEDENCE);
          context.getBeanFactory().registerSingleton("benchmarkHttpCpu", outermost);
        })
        .run(args.toArray(String[]::new));
    base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    // the sandbox's people become Camunda users once the app is ready
    await(Duration.ofSeconds(60), () -> engine().getIdentityService().createUserQuery().userId(APPROVER).count() == 1);
  }

  private Map<String, Object> driveAccessflow(String prefix, int count) throws Exception {
    SandboxCallLog calls = app.getBean(SandboxCallLog.class);
    calls.clear();
    Measure measure = Measure.start();
    SqlStatistics sql = SqlStatistics.start(app);
    commands.clear();
    httpCpu.clear();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    List<Long> accepted = new CopyOnWriteArrayList<>();
    double clientCpu = drive(count, i -> {
      String group = "%s-%d-%04d".formatted(prefix, RUNS.get(), i);
      long sent = System.currentTimeMillis();
      long t0 = System.nanoTime();
      String id = submit(group);
      accepted.add((System.nanoTime() - t0) / 1_000_000);
      sentAt.put(id, sent);
      return id;
    }, this::openApprovals, this::approve);
    List<String> ids = List.copyOf(sentAt.keySet());
    Duration wait = settings.soak() ? settings.soakWait() : Duration.ofMinutes(5);
    awaitEnded(ids, wait);
    Map<String, Object> result = new LinkedHashMap<>();
    List<HistoricProcessInstance> ended = history().createHistoricProcessInstanceQuery()
        .processInstanceIds(Set.copyOf(ids)).finished().list();
    long firstSent = sentAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    long lastEnd = ended.stream().mapToLong(p -> p.getEndTime().getTime()).max().orElse(firstSent);
    double wall = (lastEnd - firstSent) / 1000.0;
    Measure.Used used = measure.stop();
    Map<String, Long> approvedAt = history().createHistoricTaskInstanceQuery().processDefinitionKey("access-request")
        .taskDefinitionKey("approve-request").finished().list().stream().filter(t -> sentAt.containsKey(t.getProcessInstanceId()))
        .collect(Collectors.toMap(HistoricTaskInstance::getProcessInstanceId, t -> t.getEndTime().getTime(), Math::max));
    List<Long> toProvisioned = ended.stream().filter(p -> approvedAt.containsKey(p.getId()))
        .map(p -> p.getEndTime().getTime() - approvedAt.get(p.getId())).toList();
    List<Long> lifecycle = ended.stream().map(p -> p.getEndTime().getTime() - sentAt.get(p.getId())).toList();
    result.put("requests", count);
    result.put("wallSeconds", round(wall));
    result.put("requestsPerSecond", round(ended.size() / wall));
    result.put("acceptedMs", percentiles(accepted));
    result.put("approvalToProvisionedMs", percentiles(toProvisioned));
    result.put("lifecycleMs", percentiles(lifecycle));
    result.put("atlassianCallsPerRequest", round((double) calls.calls().size() / count));
    result.put("atlassianCallsPerRequestByEndpoint", calls.calls().stream()
        .collect(Collectors.groupingBy(c -> c.method() + " " + c.path(), TreeMap::new, Collectors.counting()))
        .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> round((double) e.getValue() / count), (a, b) -> a,
            LinkedHashMap::new)));
    result.put("cpuSeconds", round(used.cpuSeconds()));
    result.put("cpuMsPerRequest", round(used.cpuSeconds() * 1000 / count));
    result.put("peakHeapMb", used.peakHeapMb());
    Map<String, Double> byThread = new LinkedHashMap<>(used.cpuByThread());
    byThread.put("benchmark clients (requesters, approvers)", round(clientCpu));
    result.put("cpuSecondsByThread", byThread);
    result.put("gcSeconds", used.gcSeconds());
    result.put("jitSeconds", used.jitSeconds());
    sql.stop(count).ifPresent(s -> result.put("sql", s));
    Map<String, Long> byCommand = commands.snapshot();
    result.put("engineCommandsPerRequest", round(byCommand.values().stream().mapToLong(Long::longValue).sum() / (double) count));
    result.put("engineCommands", byCommand);
    result.put("httpPerRequest", httpCpu.perRequest(count));
    if (settings.soak()) {
      result.put("soak", soakCounts(ids, ended, calls.calls(), prefix));
    }
    return result;
  }

  private Map<String, Object> soakCounts(List<String> ids, List<HistoricProcessInstance> ended, List<SandboxCall> calls,
      String prefix) {
    long created = app.getBean(SandboxStore.class).groups().stream().filter(g -> g.name().startsWith(prefix + "-")).count();
    return SoakCount.of(ids, outcomes(ids), ended.size(), calls, created, engine().getRuntimeService().createIncidentQuery().count())
        .toMap();
  }

  private Map<String, Object> outcomes(List<String> ids) {
    Map<String, Object> outcomes = new LinkedHashMap<>();
    history().createHistoricVariableInstanceQuery().variableName("outcome").processInstanceIdIn(ids.toArray(String[]::new)).list()
        .forEach(v -> outcomes.put(v.getProcessInstanceId(), v.getValue()));
    return outcomes;
  }

  /** POSTs a request; a 503 (Atlassian did not answer the check) or 429 is retried with the same key. */
  private String submit(String group) throws Exception {
    String body = json.writeValueAsString(Map.of("type", "CREATE_GROUP", "groupName", group, "reason", "Benchmark"));
    String key = UUID.randomUUID().toString();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/access-requests"))
          .header("Authorization", basic(REQUESTER)).header("Content-Type", "application/json").header("Idempotency-Key", key)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 201 || response.statusCode() == 200) {
        return json.readTree(response.body()).path("id").asText();
      }
      if ((response.statusCode() != 503 && response.statusCode() != 429) || attempt == 20) {
        throw new IllegalStateException("POST /api/access-requests answered " + response.statusCode() + ": " + response.body());
      }
      Thread.sleep(1000);
    }
  }

  /** The approvals waiting, as the approver sees them: task id and request id. */
  private List<String[]> openApprovals() throws Exception {
    List<String[]> open = new ArrayList<>();
    json.readTree(get("/engine-rest/task?processDefinitionKey=access-request&taskDefinitionKey=approve-request&sortBy=created&sortOrder=asc&maxResults="
        + APPROVALS_PAGE))
        .forEach(task -> open.add(new String[] {task.path("id").asText(), task.path("processInstanceId").asText()}));
    return open;
  }

  private void approve(String taskId) throws Exception {
    String body = json.writeValueAsString(Map.of("variables", Map.of(
        "approved", Map.of("value", true, "type", "Boolean"), "decisionComment", Map.of("value", "Fine", "type", "String"))));
    HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/task/" + taskId + "/complete"))
        .header("Authorization", basic(APPROVER)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (done.statusCode() != 204) {
      throw new IllegalStateException("completing the approval answered " + done.statusCode() + ": " + done.body());
    }
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", basic(APPROVER))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /**
   * The bare engine: the same async boundaries as an approved CREATE_GROUP request (validate,
   * route, provision) around one user task, with no-op service tasks, started and completed
   * through the Java API by as many clients.
   */
  private Map<String, Object> driveBaseline(String prefix, int count) throws Exception {
    String key = BaselineModel.KEY;
    if (engine().getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
      engine().getRepositoryService().createDeployment().name(key)
          .addModelInstance(key + ".bpmn", BaselineModel.from(app.getBean(ApprovalTimes.class))).deploy();
    }
    Measure measure = Measure.start();
    List<String> ids = new CopyOnWriteArrayList<>();
    long t0 = System.currentTimeMillis();
    drive(count, i -> {
      String id = engine().getRuntimeService().startProcessInstanceByKey(key, prefix + "-" + i, BaselineModel.START_VARIABLES).getId();
      ids.add(id);
      return id;
    }, () -> engine().getTaskService().createTaskQuery().processDefinitionKey(key).orderByTaskCreateTime().asc()
        .listPage(0, APPROVALS_PAGE).stream()
        .map(t -> new String[] {t.getId(), t.getProcessInstanceId()}).toList(),
        taskId -> engine().getTaskService().complete(taskId, Map.of("approved", true)));
    awaitEnded(ids, Duration.ofMinutes(5));
    long lastEnd = history().createHistoricProcessInstanceQuery().processInstanceIds(Set.copyOf(ids)).finished().list().stream()
        .mapToLong(p -> p.getEndTime().getTime()).max().orElseThrow();
    Measure.Used used = measure.stop();
    double wall = (lastEnd - t0) / 1000.0;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("instances", count);
    result.put("wallSeconds", round(wall));
    result.put("instancesPerSecond", round(count / wall));
    result.put("cpuSeconds", round(used.cpuSeconds()));
    result.put("cpuMsPerInstance", round(used.cpuSeconds() * 1000 / count));
    return result;
  }

  interface Requester {
    /** Sends request number {@code index} and returns its process instance id. */
    String send(int index) throws Exception;
  }

  interface Approvals {
    /** The open approval tasks: task id and process instance id. */
    List<String[]> open() throws Exception;
  }

  interface Approver {
    void approve(String taskId) throws Exception;
  }

  /**
   * K requesters send the requests, each waiting for its answer before sending the next; at the
   * same time K approvers complete the approvals that have appeared, each its share of the
   * requests. As with people, nobody waits for a request to be approved before asking the next.
   */
  private double drive(int count, Requester requester, Approvals approvals, Approver approver) throws Exception {
    LongAdder clientCpu = new LongAdder();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger approved = new AtomicInteger();
    Map<String, Integer> sent = new ConcurrentHashMap<>();
    int clients = settings.clients();
    long deadline = System.nanoTime() + (settings.soak() ? settings.soakWait() : TASK_WAIT).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(2 * clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int k = 0; k < clients; k++) {
        running.add(pool.submit(() -> {
          long cpu0 = currentThreadCpu();
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            sent.put(requester.send(i), i);
          }
          clientCpu.add(currentThreadCpu() - cpu0);
          return null;
        }));
        int share = k;
        running.add(pool.submit(() -> {
          long cpu0 = currentThreadCpu();
          while (approved.get() < count && System.nanoTime() < deadline) {
            boolean any = false;
            for (String[] task : approvals.open()) {
              Integer index = sent.get(task[1]);
              if (index != null && index % clients == share) {
                approver.approve(task[0]);
                approved.incrementAndGet();
                any = true;
              }
            }
            if (!any) {
              Thread.sleep(POLL.toMillis());
            }
          }
          // an approval that never appeared leaves its request unfinished: the soak counts it lost
          clientCpu.add(currentThreadCpu() - cpu0);
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return clientCpu.sum() / 1e9;
  }

  private static long currentThreadCpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private void awaitEnded(Collection<String> ids, Duration atMost) throws InterruptedException {
    Set<String> all = Set.copyOf(ids);
    await(atMost, () -> history().createHistoricProcessInstanceQuery().processInstanceIds(all).finished().count() == all.size());
  }

  /** Polls until the condition holds or the time is up; the caller reads what it reached. */
  private static void await(Duration atMost, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private ProcessEngine engine() {
    return app.getBean(ProcessEngine.class);
  }

  private HistoryService history() {
    return engine().getHistoryService();
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  static Map<String, Object> percentiles(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    IntFunction<Long> rank = p -> sorted.isEmpty() ? 0L : sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("p50", rank.apply(50));
    result.put("p95", rank.apply(95));
    result.put("p99", rank.apply(99));
    return result;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    machine.put("memoryGb", Math.round(memory / (1024.0 * 1024 * 1024)));
    machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() >> 20);
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return machine;
  }

  private void write(Map<String, Object> results) throws IOException {
    Files.createDirectories(settings.output());
    json.writeValue(settings.output().resolve("results.json").toFile(), results);
    String table = BenchmarkTable.markdown(results);
    Files.writeString(settings.output().resolve("results.md"), table);
    System.out.println(table);
  }
}
