package io.accessflow.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.accessflow.atlassian.contract.AtlassianContract;
import io.accessflow.sandbox.SandboxCallLog;
import io.accessflow.sandbox.SandboxStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Bad requests started over {@code /engine-rest}: each is answered 4xx naming what is wrong, never
 * 5xx, and neither a process instance nor a change in Atlassian is made.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(AtlassianContract.class)
class EngineRestBadInputTest {

  private static final String START = "/engine-rest/process-definition/key/access-request/start";

  @Autowired
  TestRestTemplate http;
  @Autowired
  HistoryService historyService;
  @Autowired
  SandboxStore store;
  @Autowired
  SandboxCallLog calls;

  @BeforeEach
  void freshSandbox() {
    store.reset();
  }

  static Stream<Arguments> badRequests() {
    Stream.Builder<Arguments> cases = Stream.builder();
    cases.add(Arguments.of("unknown type", vars("requestType", "GIVE_ME_ADMIN"), "requestType"));
    cases.add(Arguments.of("no type", vars("reason", "x"), "requestType"));
    cases.add(Arguments.of("group request without group", vars("requestType", "ADD_USER_TO_GROUP"), "groupName"));
    cases.add(Arguments.of("unknown group", vars("requestType", "ADD_USER_TO_GROUP", "groupName", "no-such-group"), "groupName"));
    cases.add(Arguments.of("unknown user", vars("requestType", "ADD_USER_TO_GROUP", "groupName", "alpha-developers",
        "userEmail", "nobody@example.com"), "userEmail"));
    cases.add(Arguments.of("malformed email", vars("requestType", "ADD_USER_TO_GROUP", "groupName", "alpha-developers",
        "userEmail", "not-an-email"), "userEmail"));
    cases.add(Arguments.of("unknown project", vars("requestType", "ADD_USER_TO_PROJECT_ROLE", "projectKey", "NOPE",
        "roleName", "Developers"), "projectKey"));
    cases.add(Arguments.of("unknown role", vars("requestType", "ADD_USER_TO_PROJECT_ROLE", "projectKey", "ALPHA",
        "roleName", "Testers"), "roleName"));
    cases.add(Arguments.of("new account without products", vars("requestType", "CREATE_USER", "userEmail", "gina@example.com"), "products"));
    cases.add(Arguments.of("unknown product", vars("requestType", "CREATE_USER", "userEmail", "gina@example.com",
        "products", "confluence"), "products"));
    cases.add(Arguments.of("huge group name", vars("requestType", "CREATE_GROUP", "groupName", "g".repeat(5000)), "groupName"));
    cases.add(Arguments.of("control characters", vars("requestType", "CREATE_GROUP", "groupName", "bad\u0000name"), "groupName"));
    Map<String, Object> number = vars("requestType", "CREATE_GROUP");
    number.put("groupName", Map.of("value", 42, "type", "Integer"));
    cases.add(Arguments.of("a number where a String belongs", number, "groupName"));
    for (String field : List.of("requestType", "userEmail", "groupName", "reason")) {
      for (String expression : List.of("${execution.getProcessEngine()}", "#{1+1}")) {
        Map<String, Object> variables = vars("requestType", "ADD_USER_TO_GROUP", "groupName", "alpha-developers", "reason", "why");
        variables.put(field, Map.of("value", expression, "type", "String"));
        cases.add(Arguments.of("expression in " + field, variables, field));
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void isRefusedWithoutStartingAnything(String name, Map<String, Object> variables, String field) {
    long before = historyService.createHistoricProcessInstanceQuery().count();
    calls.clear();

    ResponseEntity<JsonNode> answer = http.withBasicAuth("carol@example.com", "demo")
        .postForEntity(START, Map.of("variables", variables), JsonNode.class);

    assertThat(answer.getStatusCode().value()).as(name).isEqualTo(400);
    assertThat(answer.getBody().path("message").asText()).contains(field);
    assertThat(answer.getBody().path("errors").findValuesAsText("field")).contains(field);
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).as("no process instance").isEqualTo(before);
    assertThat(calls.calls()).as("no change in Atlassian").noneMatch(c -> !c.method().equals("GET"));
  }

  @Test
  void malformedJsonAndHugeBodiesAreRefused() {
    long before = historyService.createHistoricProcessInstanceQuery().count();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    TestRestTemplate carol = http.withBasicAuth("carol@example.com", "demo");

    ResponseEntity<String> malformed = carol.postForEntity(START, new HttpEntity<>("{\"variables\": {", headers), String.class);
    ResponseEntity<String> huge = carol.postForEntity(START, new HttpEntity<>(
        Map.of("variables", vars("requestType", "CREATE_GROUP", "reason", "x".repeat(100_000))), headers), String.class);

    assertThat(malformed.getStatusCode().value()).isEqualTo(400);
    assertThat(huge.getStatusCode().value()).isEqualTo(413);
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void aValidRequestStillStarts() {
    ResponseEntity<JsonNode> answer = http.withBasicAuth("carol@example.com", "demo").postForEntity(START,
        Map.of("variables", vars("requestType", "CREATE_GROUP", "groupName", "epsilon-developers", "reason", "new team")), JsonNode.class);

    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    assertThat(answer.getBody().path("id").asText()).isNotBlank();
  }

  private static Map<String, Object> vars(String... keyValues) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      variables.put(keyValues[i], new HashMap<>(Map.of("value", keyValues[i + 1], "type", "String")));
    }
    return variables;
  }
}
