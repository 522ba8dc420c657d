package io.accessflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.accessflow.AccessflowApplication;
import io.accessflow.TestContexts;
import io.accessflow.postgres.TestPostgres;
import io.accessflow.sandbox.SandboxCall;
import io.accessflow.sandbox.SandboxCallLog;
import io.accessflow.sandbox.SandboxFaults;
import io.accessflow.sandbox.SandboxStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes on one PostgreSQL form a cluster with nothing configured but the shared database.
 * Node A serves the Atlassian sandbox; node B talks to it as a real site, so the sandbox's call
 * log sees every change either node makes. Requests are started and approved on both nodes; the
 * job log shows both ran jobs, the call log that each change was made once. Then node B dies in
 * the middle of provisioning and node A finishes its work once B's job locks expire.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

  private static final String REQUESTER = "carol@example.com";
  private static final String APPROVER = "frank@example.com";
  private static final String CREATE_GROUP = "POST /rest/api/3/group";
  private static final Duration LOCK_TIME = Duration.ofSeconds(10);

  private ConfigurableApplicationContext nodeA;
  private ConfigurableApplicationContext nodeB;
  private final List<String> groupsRequested = new ArrayList<>();

  @BeforeAll
  void startTwoNodesAtOnce() throws Exception {
    String database = TestPostgres.newDatabase("cluster");
    int portA = freePort();
    // both nodes start together: Liquibase, deployment and the first-start set-up race on one
    // database. Node B only waits for node A's logging set-up, shared state within one JVM.
    CountDownLatch loggingReady = new CountDownLatch(1);
    CompletableFuture<ConfigurableApplicationContext> a = CompletableFuture.supplyAsync(() -> node(database, "node-a",
        event -> {
          if (event instanceof ApplicationPreparedEvent || event instanceof ApplicationFailedEvent) {
            loggingReady.countDown();
          }
        },
        "--server.port=" + portA));
    CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture.runAsync(() -> awaitUninterruptibly(loggingReady))
        .thenApply(ready -> node(database, "node-b", event -> {},
            "--server.port=0",
            "--accessflow.atlassian.base-url=http://localhost:" + portA + "/sandbox/atlassian",
            "--accessflow.atlassian.email=admin@example.com",
            "--accessflow.atlassian.api-token=sandbox-token",
            "--camunda.bpm.admin-user.id=operator",
            "--camunda.bpm.admin-user.password=a-long-test-password"));
    nodeA = a.get();
    nodeB = b.get();
    // node A creates the sandbox people as Camunda users once it is ready; both nodes see them
    await().atMost(Duration.ofSeconds(30)).until(() -> engine(nodeB).getIdentityService().createUserQuery().userId(APPROVER).count() == 1);
  }

  @AfterAll
  void stopNodes() {
    for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeB, nodeA}) {
      if (node != null && node.isActive()) {
        node.close();
      }
    }
  }

  @Test
  @Order(1)
  void twoHundredRequestsApprovedOnBothNodesAreEachProvisionedExactlyOnce() {
    List<String> instances = startAndApprove("cluster", 200);

    awaitAllEnded(instances, Duration.ofMinutes(2));
    assertThat(outcomes(instances)).containsOnlyKeys("PROVISIONED").containsEntry("PROVISIONED", 200L);
    assertEachGroupCreatedOnce();

    Map<String, Long> jobsByNode = history().createHistoricJobLogQuery().successLog().processDefinitionKey("access-request")
        .list().stream().collect(Collectors.groupingBy(HistoricJobLog::getHostname, Collectors.counting()));
    assertThat(jobsByNode).as("every node runs jobs: %s", jobsByNode).containsKeys("node-a", "node-b");
  }

  @Test
  @Order(2)
  void whenANodeDiesDuringProvisioningTheOtherFinishesEveryRequestWithoutRepeatingAChange() {
    // slow Atlassian answers keep node B's provisioning jobs in flight when it dies
    nodeA.getBean(SandboxFaults.class).setLatency(Duration.ofMillis(500));
    SandboxCallLog calls = nodeA.getBean(SandboxCallLog.class);
    long createdBefore = calls.count("POST", "/rest/api/3/group", 201);
    List<String> instances = startAndApprove("crash", 60);

    JdbcTemplate database = new JdbcTemplate(nodeA.getBean(HikariDataSource.class));
    String ownerB = ((ProcessEngineConfigurationImpl) engine(nodeB).getProcessEngineConfiguration()).getJobExecutor().getLockOwner();
    String lockedByB = "SELECT id_ FROM act_ru_job WHERE lock_owner_ = ? AND lock_exp_time_ > now()";
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
        calls.count("POST", "/rest/api/3/group", 201) - createdBefore >= 5 && !database.queryForList(lockedByB, String.class, ownerB).isEmpty());
    List<String> inFlightOnB = database.queryForList(lockedByB, String.class, ownerB);
    killNodeB(database);
    long finishedAtKill = instances.stream()
        .filter(id -> history().createHistoricProcessInstanceQuery().processInstanceId(id).finished().count() == 1).count();
    assertThat(inFlightOnB).as("node B held jobs when it died").isNotEmpty();
    assertThat(finishedAtKill).as("node B died in the middle of provisioning").isLessThan(60);

    awaitAllEnded(instances, LOCK_TIME.plus(Duration.ofMinutes(2)));
    // a change node B made before it died, and could not record, is found in place when node A
    // runs the job again: the request ends well without a second change
    Map<String, Long> outcomes = outcomes(instances);
    assertThat(outcomes).containsOnlyKeys("PROVISIONED", "ALREADY_IN_PLACE");
    assertThat(outcomes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
    assertThat(outcomes.getOrDefault("ALREADY_IN_PLACE", 0L)).isLessThanOrEqualTo(inFlightOnB.size());
    assertEachGroupCreatedOnce();
    assertThat(database.queryForList("SELECT id_ FROM act_ru_job", String.class)).as("node B's jobs were finished by node A")
        .doesNotContainAnyElementsOf(inFlightOnB);
  }

  /**
   * As a crash looks to the database: node B's connections are aborted, its open transactions
   * roll back and its job locks stay until they expire; then the rest of node B is shut down.
   */
  private void killNodeB(JdbcTemplate database) {
    nodeB.getBean(HikariDataSource.class).close();
    database.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'node-b'");
    nodeB.close();
  }

  private List<String> startAndApprove(String prefix, int count) {
    List<String> instances = IntStream.range(0, count).mapToObj(i -> {
      String group = "%s-%03d".formatted(prefix, i);
      groupsRequested.add(group);
      ProcessEngine engine = engine(i % 2 == 0 ? nodeA : nodeB);
      return as(engine, REQUESTER, () -> engine.getRuntimeService().startProcessInstanceByKey("access-request",
          Map.of("requestType", "CREATE_GROUP", "groupName", group, "reason", "Cluster test")).getId());
    }).toList();
    for (int i = 0; i < instances.size(); i++) {
      // approved on the other node than the one that started it
      ProcessEngine engine = engine(i % 2 == 0 ? nodeB : nodeA);
      String instance = instances.get(i);
      Task task = await().atMost(Duration.ofSeconds(60)).until(() -> engine.getTaskService().createTaskQuery()
          .processInstanceId(instance).taskDefinitionKey("approve-request").singleResult(), t -> t != null);
      as(engine, APPROVER, () -> {
        engine.getTaskService().complete(task.getId(), Map.of("approved", true, "decisionComment", "Fine"));
        return null;
      });
    }
    return instances;
  }

  private void awaitAllEnded(List<String> instances, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> instances.stream()
        .allMatch(id -> history().createHistoricProcessInstanceQuery().processInstanceId(id).finished().count() == 1));
  }

  private Map<String, Long> outcomes(List<String> instances) {
    return history().createHistoricVariableInstanceQuery().variableName("outcome").processInstanceIdIn(instances.toArray(String[]::new))
        .list().stream().collect(Collectors.groupingBy(v -> String.valueOf(v.getValue()), Collectors.counting()));
  }

  /** Distinct names, so one 201 per request and no other attempt is "each change exactly once". */
  private void assertEachGroupCreatedOnce() {
    List<SandboxCall> creates = nodeA.getBean(SandboxCallLog.class).calls().stream()
        .filter(c -> (c.method() + " " + c.path()).equals(CREATE_GROUP)).toList();
    assertThat(creates).as("one group creation per request, none repeated").hasSize(groupsRequested.size())
        .allMatch(c -> c.status() == 201);
    SandboxStore store = nodeA.getBean(SandboxStore.class);
    assertThat(groupsRequested).allMatch(name -> store.groupByName(name).isPresent());
  }

  private HistoryService history() {
    return engine(nodeA).getHistoryService();
  }

  private static <T> T as(ProcessEngine engine, String userId, Supplier<T> work) {
    IdentityService identity = engine.getIdentityService();
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    identity.setAuthentication(userId, groups);
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  private static ProcessEngine engine(ConfigurableApplicationContext node) {
    return node.getBean(ProcessEngine.class);
  }

  private static ConfigurableApplicationContext node(String database, String name, ApplicationListener<ApplicationEvent> listener,
      String... settings) {
    List<String> args = new ArrayList<>(List.of(
        // no profile named: the PostgreSQL URL alone selects the postgres profile
        "--spring.datasource.url=" + database,
        "--spring.datasource.username=" + TestPostgres.USER,
        "--spring.datasource.password=",
        // lets the test find this node's connections in pg_stat_activity
        "--spring.datasource.hikari.data-source-properties.ApplicationName=" + name,
        "--spring.datasource.hikari.maximum-pool-size=30",
        // one engine per node, none named "default", no web apps: other test contexts share this JVM
        "--camunda.bpm.process-engine-name=" + name.replace("-", ""),
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
        "--camunda.bpm.job-execution.wait-time-in-millis=500",
        "--" + TestContexts.WITHOUT_WEBAPPS));
    args.addAll(List.of(settings));
    return new SpringApplicationBuilder(AccessflowApplication.class).listeners(listener).run(args.toArray(String[]::new));
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
