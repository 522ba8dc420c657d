package io.accessflow.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessflow.atlassian.contract.AtlassianContract;
import io.accessflow.sandbox.SandboxCall;
import io.accessflow.sandbox.SandboxCallLog;
import io.accessflow.sandbox.SandboxStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * End to end over HTTP, as a system would do it: start each kind of request through
 * {@code /engine-rest} as the requester, complete the approval through {@code /engine-rest} as
 * the approver the process chose, and let the job executor provision. The result is proven
 * through the sandbox's Jira API, and its call log shows the change was made exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(AtlassianContract.class)
class AccessRequestEndToEndTest {

  private static final String DEMO = "demo";

  @Autowired
  TestRestTemplate http;
  @Autowired
  SandboxStore store;
  @Autowired
  SandboxCallLog calls;

  @BeforeEach
  void freshSandbox() {
    store.reset();
    calls.clear();
  }

  record Case(String requester, Map<String, Map<String, Object>> variables, String approver, String change,
      Predicate<SandboxStore> done) {}

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of("ADD_USER_TO_GROUP", new Case("carol@example.com",
            vars("groupName", "alpha-developers", "userEmail", "dave@example.com"), "frank@example.com", "POST /rest/api/3/group/user 201",
            s -> s.memberEmails("alpha-developers").contains("dave@example.com"))),
        Arguments.of("REMOVE_USER_FROM_GROUP", new Case("carol@example.com",
            vars("groupName", "beta-developers", "userEmail", "bob@example.com"), "frank@example.com", "DELETE /rest/api/3/group/user 200",
            s -> !s.memberEmails("beta-developers").contains("bob@example.com"))),
        Arguments.of("ADD_USER_TO_PROJECT_ROLE", new Case("carol@example.com",
            vars("projectKey", "ALPHA", "roleName", "Developers", "userEmail", "dave@example.com"), "alice@example.com",
            "POST /rest/api/3/project/ALPHA/role/10000 200", s -> s.roleUserEmails("ALPHA", "Developers").contains("dave@example.com"))),
        Arguments.of("REMOVE_USER_FROM_PROJECT_ROLE", new Case("dave@example.com",
            vars("projectKey", "ALPHA", "roleName", "Developers", "userEmail", "carol@example.com"), "alice@example.com",
            "DELETE /rest/api/3/project/ALPHA/role/10000 204", s -> !s.roleUserEmails("ALPHA", "Developers").contains("carol@example.com"))),
        Arguments.of("CREATE_USER", new Case("carol@example.com",
            withJsonProducts(vars("userEmail", "gina@example.com"), "[\"jira-software\"]"), "frank@example.com",
            "POST /rest/api/3/user 201", s -> s.userByEmail("gina@example.com").map(u -> u.products().contains("jira-software")).orElse(false))),
        Arguments.of("CREATE_GROUP", new Case("carol@example.com",
            vars("groupName", "delta-developers"), "frank@example.com", "POST /rest/api/3/group 201",
            s -> s.groupByName("delta-developers").isPresent())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void aRequestStartedOverRestIsApprovedAndProvisionedExactlyOnce(String type, Case request) {
    Map<String, Map<String, Object>> variables = new LinkedHashMap<>(request.variables());
    variables.put("requestType", typed(type, "String"));
    variables.put("reason", typed("End-to-end test", "String"));

    ResponseEntity<JsonNode> started = http.withBasicAuth(request.requester(), DEMO).postForEntity(
        "/engine-rest/process-definition/key/access-request/start", Map.of("variables", variables), JsonNode.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    String instance = started.getBody().path("id").asText();

    TestRestTemplate approver = http.withBasicAuth(request.approver(), DEMO);
    JsonNode task = await().atMost(Duration.ofSeconds(30)).until(
        () -> approver.getForObject("/engine-rest/task?processInstanceId=" + instance, JsonNode.class), tasks -> tasks.size() == 1).get(0);
    assertThat(task.path("taskDefinitionKey").asText()).isEqualTo("approve-request");
    if (request.approver().equals("alice@example.com")) {
      assertThat(task.path("assignee").asText()).isEqualTo("alice@example.com");
    }

    ResponseEntity<String> completed = approver.postForEntity("/engine-rest/task/" + task.path("id").asText() + "/complete",
        Map.of("variables", Map.of("approved", typed(true, "Boolean"), "decisionComment", typed("Fine", "String"))), String.class);
    assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    // history is for administrators (and the requester's own reads go through /api)
    TestRestTemplate admin = http.withBasicAuth("admin", "admin");
    await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(
        admin.getForObject("/engine-rest/history/process-instance/" + instance, JsonNode.class).path("state").asText()));
    JsonNode outcome = admin.getForObject("/engine-rest/history/variable-instance?processInstanceId=" + instance
        + "&variableName=outcome", JsonNode.class);
    assertThat(outcome.get(0).path("value").asText()).isEqualTo("PROVISIONED");

    assertThat(request.done().test(store)).as("the change is visible in the sandbox").isTrue();
    assertThat(viaJiraApi(type, request)).isTrue();
    List<String> changes = calls.calls().stream().filter(c -> !c.method().equals("GET"))
        .map(SandboxCall::toString).toList();
    assertThat(calls.calls().stream().filter(c -> !c.method().equals("GET")).map(c -> c.method() + " " + c.path() + " " + c.status()))
        .as("the only change made, made once: %s", changes).containsExactly(request.change());
  }

  /** Reads the result back the way an Atlassian admin's script would: through the sandbox's Jira API. */
  private boolean viaJiraApi(String type, Case request) {
    TestRestTemplate jira = http.withBasicAuth("admin@example.com", "sandbox-token");
    String api = "/sandbox/atlassian/rest/api/3";
    return switch (type) {
      case "ADD_USER_TO_GROUP", "REMOVE_USER_FROM_GROUP" -> {
        String group = type.startsWith("ADD") ? "alpha-developers" : "beta-developers";
        String groupId = jira.getForObject(api + "/group/bulk?groupName=" + group, JsonNode.class).path("values").get(0).path("groupId").asText();
        JsonNode members = jira.getForObject(api + "/group/member?groupId=" + groupId, JsonNode.class).path("values");
        yield type.startsWith("ADD") ? members.findValuesAsText("emailAddress").contains("dave@example.com")
            : !members.findValuesAsText("emailAddress").contains("bob@example.com");
      }
      case "ADD_USER_TO_PROJECT_ROLE", "REMOVE_USER_FROM_PROJECT_ROLE" -> {
        JsonNode actors = jira.getForObject(api + "/project/ALPHA/role/10000", JsonNode.class).path("actors");
        String accountId = store.userByEmail(type.startsWith("ADD") ? "dave@example.com" : "carol@example.com").orElseThrow().accountId();
        boolean present = actors.findValuesAsText("accountId").contains(accountId);
        yield type.startsWith("ADD") == present;
      }
      case "CREATE_USER" -> jira.getForObject(api + "/user/search?query=gina@example.com", JsonNode.class).size() == 1;
      case "CREATE_GROUP" -> jira.getForObject(api + "/group/bulk?groupName=delta-developers", JsonNode.class).path("total").asInt() == 1;
      default -> throw new IllegalArgumentException(type);
    };
  }

  private static Map<String, Map<String, Object>> vars(String... keyValues) {
    Map<String, Map<String, Object>> variables = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      variables.put(keyValues[i], typed(keyValues[i + 1], "String"));
    }
    return variables;
  }

  private static Map<String, Map<String, Object>> withJsonProducts(Map<String, Map<String, Object>> variables, String products) {
    variables.put("products", typed(products, "Json"));
    return variables;
  }

  private static Map<String, Object> typed(Object value, String type) {
    return Map.of("value", value, "type", type);
  }
}
