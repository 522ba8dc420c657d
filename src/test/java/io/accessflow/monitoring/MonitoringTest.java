package io.accessflow.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessflow.atlassian.AtlassianClient;
import io.accessflow.atlassian.AtlassianException;
import io.accessflow.sandbox.SandboxFaults;
import io.accessflow.sandbox.SandboxStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Health probes and Prometheus metrics as an orchestrator and an operator's Prometheus see them,
 * over HTTP on the default test context (job executor on, sandbox as the Atlassian site).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MonitoringTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  SandboxStore store;
  @Autowired
  SandboxFaults faults;
  @Autowired
  AtlassianClient client;

  @BeforeEach
  void freshSandbox() {
    store.reset();
    faults.reset();
  }

  @AfterEach
  void noFaults() {
    faults.reset();
  }

  @Test
  void livenessAndReadinessAnswerUpWithoutLogin() {
    for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
      ResponseEntity<JsonNode> answer = http.getForEntity(probe, JsonNode.class);
      assertThat(answer.getStatusCode()).as(probe).isEqualTo(HttpStatus.OK);
      assertThat(answer.getBody().path("status").asText()).as(probe).isEqualTo("UP");
      assertThat(answer.getBody().has("components")).as("no details for anonymous callers").isFalse();
    }
  }

  @Test
  void readinessChecksDatabaseAndEngineButNotAtlassian() {
    JsonNode readiness = http.withBasicAuth("admin", "admin").getForObject("/actuator/health/readiness", JsonNode.class);

    assertThat(readiness.path("components").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("readinessState", "db", "processEngine");
  }

  @Test
  void anAdministratorSeesDatabaseEngineJobExecutorAndAtlassian() {
    JsonNode health = http.withBasicAuth("admin", "admin").getForObject("/actuator/health", JsonNode.class);

    assertThat(health.path("components").fieldNames()).toIterable()
        .contains("db", "processEngine", "jobExecutor", "atlassian", "livenessState", "readinessState");
    assertThat(health.path("components").path("processEngine").path("status").asText()).isEqualTo("UP");
    assertThat(health.path("components").path("jobExecutor").path("status").asText()).isEqualTo("UP");
  }

  @Test
  void metricsAreForAdministratorsOnly() {
    assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/actuator/metrics", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.getForEntity("/actuator/metrics/jvm.memory.used", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("carol@example.com", "demo").getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("admin", "admin").getForEntity("/actuator/prometheus", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void aProvisionedRequestMovesRequestApprovalProvisioningAndAtlassianMetrics() {
    Map<String, String> provisioned = Map.of("type", "ADD_USER_TO_GROUP", "outcome", "PROVISIONED");
    Map<String, String> firstApproval = Map.of("task", "approve-request");
    Map<String, String> added = Map.of("operation", "addUserToGroup", "status", "201");
    String before = scrape();

    String instance = start("carol@example.com", Map.of(
        "requestType", typed("ADD_USER_TO_GROUP"), "groupName", typed("alpha-developers"),
        "userEmail", typed("dave@example.com"), "reason", typed("Metrics test")));
    TestRestTemplate frank = http.withBasicAuth("frank@example.com", "demo");
    JsonNode task = await().atMost(Duration.ofSeconds(30)).until(
        () -> frank.getForObject("/engine-rest/task?processInstanceId=" + instance, JsonNode.class), tasks -> tasks.size() == 1).get(0);
    assertThat(frank.postForEntity("/engine-rest/task/" + task.path("id").asText() + "/complete",
        Map.of("variables", Map.of("approved", Map.of("value", true, "type", "Boolean"))), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    await().atMost(Duration.ofSeconds(30)).until(() -> value(scrape(), "accessflow_requests_total", provisioned)
        > value(before, "accessflow_requests_total", provisioned));

    String after = scrape();
    assertThat(value(after, "accessflow_requests_total", provisioned) - value(before, "accessflow_requests_total", provisioned)).isEqualTo(1);
    assertThat(value(after, "accessflow_approval_wait_seconds_count", firstApproval)
        - value(before, "accessflow_approval_wait_seconds_count", firstApproval)).isEqualTo(1);
    assertThat(value(after, "accessflow_approval_wait_seconds_sum", firstApproval))
        .isGreaterThan(value(before, "accessflow_approval_wait_seconds_sum", firstApproval));
    assertThat(value(after, "accessflow_provisioning_duration_seconds_count", Map.of())
        - value(before, "accessflow_provisioning_duration_seconds_count", Map.of())).isEqualTo(1);
    assertThat(value(after, "accessflow_atlassian_calls_total", added) - value(before, "accessflow_atlassian_calls_total", added))
        .isEqualTo(1);
    assertThat(after).containsPattern("(?m)^accessflow_incidents_open\\{[^}]*} [0-9.]+$")
        .containsPattern("(?m)^accessflow_jobs_due\\{[^}]*} [0-9.]+$");
  }

  @Test
  void aCancelledRequestCountsAsCancelled() {
    Map<String, String> cancelled = Map.of("type", "ADD_USER_TO_GROUP", "outcome", "CANCELLED");
    double before = value(scrape(), "accessflow_requests_total", cancelled);
    String instance = start("carol@example.com", Map.of(
        "requestType", typed("ADD_USER_TO_GROUP"), "groupName", typed("alpha-developers"),
        "userEmail", typed("dave@example.com"), "reason", typed("Metrics test")));
    await().atMost(Duration.ofSeconds(30)).until(() -> http.withBasicAuth("frank@example.com", "demo")
        .getForObject("/engine-rest/task?processInstanceId=" + instance, JsonNode.class).size() == 1);

    ResponseEntity<String> cancel = http.withBasicAuth("carol@example.com", "demo")
        .exchange("/api/access-requests/" + instance, HttpMethod.DELETE, null, String.class);

    assertThat(cancel.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(value(scrape(), "accessflow_requests_total", cancelled) - before).isEqualTo(1);
  }

  @Test
  void rateLimitedAtlassianCallsCountAs429() {
    Map<String, String> limited = Map.of("operation", "myself", "status", "429");
    double before = value(scrape(), "accessflow_atlassian_calls_total", limited);
    faults.setRateLimitRate(1.0);

    assertThatThrownBy(() -> client.myself()).isInstanceOf(AtlassianException.RateLimited.class);

    assertThat(value(scrape(), "accessflow_atlassian_calls_total", limited) - before).isEqualTo(1);
  }

  @Test
  void callsWithoutAnAnswerCountAsIoError() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    AtlassianClient nowhere = AtlassianClient.create(() -> "http://127.0.0.1:" + closedPort, "admin@example.com", "token",
        Duration.ofSeconds(1), Duration.ofSeconds(1), meters);

    assertThatThrownBy(nowhere::myself).isInstanceOf(AtlassianException.Unavailable.class);

    assertThat(meters.get("accessflow.atlassian.calls").tags("operation", "myself", "status", "IO_ERROR").counter().count()).isEqualTo(1);
  }

  private String start(String requester, Map<String, Object> variables) {
    ResponseEntity<JsonNode> started = http.withBasicAuth(requester, "demo").postForEntity(
        "/engine-rest/process-definition/key/access-request/start", Map.of("variables", variables), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    return started.getBody().path("id").asText();
  }

  private String scrape() {
    ResponseEntity<String> answer = http.withBasicAuth("admin", "admin").getForEntity("/actuator/prometheus", String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return answer.getBody();
  }

  /** The sum of the samples of {@code name} that carry all {@code tags}; 0 if there are none yet. */
  private static double value(String exposition, String name, Map<String, String> tags) {
    return exposition.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> tags.entrySet().stream().allMatch(tag -> line.contains(tag.getKey() + "=\"" + tag.getValue() + "\"")))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static Map<String, Object> typed(String value) {
    return Map.of("value", value, "type", "String");
  }
}
