package io.accessflow.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessflow.atlassian.contract.AtlassianContract;
import io.accessflow.sandbox.SandboxCallLog;
import io.accessflow.sandbox.SandboxStore;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
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
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Bad requests to {@code POST /api/access-requests}, one table row each: every one is answered
 * 4xx with application/problem+json naming the field (never 5xx, never a stack trace), starts no
 * process instance and changes nothing in Atlassian.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(AtlassianContract.class)
class AccessRequestBadInputTest {

  static final String API = "/api/access-requests";
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> STRING_FIELDS = List.of("type", "userEmail", "accountId", "groupName", "projectKey", "roleName", "reason");

  @Autowired
  TestRestTemplate http;
  @Autowired
  SandboxStore store;
  @Autowired
  SandboxCallLog calls;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  HistoryService historyService;

  @BeforeEach
  void freshSandbox() {
    store.reset();
    calls.clear();
  }

  static Stream<Arguments> badRequests() {
    List<Arguments> rows = new ArrayList<>();
    // required fields, per type
    rows.add(row("no type", json(Map.of("groupName", "alpha-developers")), 400, "type"));
    rows.add(row("null type", "{\"type\": null, \"groupName\": \"alpha-developers\"}", 400, "type"));
    rows.add(row("unknown type", request("GRANT_EVERYTHING"), 400, "type"));
    rows.add(row("lower-case type", request("add_user_to_group", "groupName", "alpha-developers"), 400, "type"));
    rows.add(row("ADD_USER_TO_GROUP without groupName", request("ADD_USER_TO_GROUP", "userEmail", "dave@example.com"), 400, "groupName"));
    rows.add(row("REMOVE_USER_FROM_GROUP without groupName", request("REMOVE_USER_FROM_GROUP"), 400, "groupName"));
    rows.add(row("ADD_USER_TO_PROJECT_ROLE without projectKey", request("ADD_USER_TO_PROJECT_ROLE", "roleName", "Developers"), 400, "projectKey"));
    rows.add(row("ADD_USER_TO_PROJECT_ROLE without roleName", request("ADD_USER_TO_PROJECT_ROLE", "projectKey", "ALPHA"), 400, "roleName"));
    rows.add(row("REMOVE_USER_FROM_PROJECT_ROLE without projectKey", request("REMOVE_USER_FROM_PROJECT_ROLE", "roleName", "Developers"), 400, "projectKey"));
    rows.add(row("REMOVE_USER_FROM_PROJECT_ROLE without roleName", request("REMOVE_USER_FROM_PROJECT_ROLE", "projectKey", "ALPHA"), 400, "roleName"));
    rows.add(row("CREATE_USER without userEmail", request("CREATE_USER", "products", List.of("jira-software")), 400, "userEmail"));
    rows.add(row("CREATE_USER without products", request("CREATE_USER", "userEmail", "gina@example.com"), 400, "products"));
    rows.add(row("CREATE_GROUP without groupName", request("CREATE_GROUP"), 400, "groupName"));
    rows.add(row("CREATE_GROUP with a blank groupName", request("CREATE_GROUP", "groupName", "   "), 400, "groupName"));
    // formats
    rows.add(row("userEmail not an email", request("ADD_USER_TO_GROUP", "groupName", "alpha-developers", "userEmail", "dave"), 400, "userEmail"));
    rows.add(row("CREATE_USER email not an email", request("CREATE_USER", "userEmail", "gina@", "products", List.of()), 400, "userEmail"));
    rows.add(row("accountId with spaces", request("ADD_USER_TO_GROUP", "groupName", "alpha-developers", "accountId", "not an id"), 400, "accountId"));
    rows.add(row("projectKey in lower case", request("ADD_USER_TO_PROJECT_ROLE", "projectKey", "alpha", "roleName", "Developers"), 400, "projectKey"));
    rows.add(row("unknown product", request("CREATE_USER", "userEmail", "gina@example.com", "products", List.of("confluence")), 400, "products"));
    rows.add(row("too many products", request("CREATE_USER", "userEmail", "gina@example.com", "products", java.util.Collections.nCopies(11, "jira-core")), 400, "products"));
    // targets that do not exist in Atlassian
    rows.add(row("unknown user", request("ADD_USER_TO_GROUP", "groupName", "alpha-developers", "userEmail", "nobody@example.com"), 400, "userEmail"));
    rows.add(row("unknown accountId", request("ADD_USER_TO_GROUP", "groupName", "alpha-developers", "accountId", "5b10ac8d82e05b22cc0000ff"), 400, "accountId"));
    rows.add(row("deactivated user", request("ADD_USER_TO_GROUP", "groupName", "alpha-developers", "userEmail", "erin@example.com"), 400, "userEmail"));
    rows.add(row("unknown group", request("ADD_USER_TO_GROUP", "groupName", "no-such-group"), 400, "groupName"));
    rows.add(row("unknown project", request("ADD_USER_TO_PROJECT_ROLE", "projectKey", "NOPE", "roleName", "Developers"), 400, "projectKey"));
    rows.add(row("unknown role", request("ADD_USER_TO_PROJECT_ROLE", "projectKey", "ALPHA", "roleName", "Testers"), 400, "roleName"));
    // wrong JSON types
    rows.add(row("number for type", "{\"type\": 7}", 400, "type"));
    rows.add(row("number for userEmail", "{\"type\": \"ADD_USER_TO_GROUP\", \"groupName\": \"alpha-developers\", \"userEmail\": 42}", 400, "userEmail"));
    rows.add(row("array for groupName", "{\"type\": \"CREATE_GROUP\", \"groupName\": [\"a\"]}", 400, "groupName"));
    rows.add(row("boolean for reason", "{\"type\": \"CREATE_GROUP\", \"groupName\": \"g\", \"reason\": true}", 400, "reason"));
    rows.add(row("object for products", "{\"type\": \"CREATE_USER\", \"userEmail\": \"gina@example.com\", \"products\": {\"jira-software\": true}}", 400, "products"));
    rows.add(row("string for products", "{\"type\": \"CREATE_USER\", \"userEmail\": \"gina@example.com\", \"products\": \"jira-software\"}", 400, "products"));
    rows.add(row("numbers in products", "{\"type\": \"CREATE_USER\", \"userEmail\": \"gina@example.com\", \"products\": [1, 2]}", 400, "products"));
    // not JSON, or not an object
    rows.add(row("malformed JSON", "{\"type\": \"CREATE_GROUP\", ", 400, null));
    rows.add(row("not JSON at all", "type=CREATE_GROUP", 400, null));
    rows.add(row("an array", "[{\"type\": \"CREATE_GROUP\"}]", 400, null));
    rows.add(row("a string", "\"CREATE_GROUP\"", 400, null));
    rows.add(row("empty body", "", 400, null));
    // sizes
    rows.add(row("reason of 2001 characters", request("CREATE_GROUP", "groupName", "g", "reason", "x".repeat(2001)), 400, "reason"));
    rows.add(row("groupName of 256 characters", request("CREATE_GROUP", "groupName", "g".repeat(256)), 400, "groupName"));
    rows.add(row("huge userEmail", request("CREATE_USER", "userEmail", "a".repeat(40_000) + "@example.com", "products", List.of()), 400, "userEmail"));
    rows.add(row("body over 64 KB", request("CREATE_GROUP", "groupName", "g", "reason", "x".repeat(70_000)), 413, null));
    // control characters
    rows.add(row("bell in groupName", request("CREATE_GROUP", "groupName", "bad\u0007name"), 400, "groupName"));
    rows.add(row("escape in userEmail", request("CREATE_USER", "userEmail", "gina\u001b@example.com", "products", List.of()), 400, "userEmail"));
    rows.add(row("NUL in reason", request("CREATE_GROUP", "groupName", "g", "reason", "because\u0000"), 400, "reason"));
    rows.add(row("newline in projectKey", request("ADD_USER_TO_PROJECT_ROLE", "projectKey", "AL\nPHA", "roleName", "Developers"), 400, "projectKey"));
    rows.add(row("control character in products", request("CREATE_USER", "userEmail", "gina@example.com", "products", List.of("jira-\u0001core")), 400, "products"));
    // expressions, in every string field
    for (String expression : List.of("${execution.setVariable('approved', true)}", "#{runtime.exec('id')}")) {
      for (String field : STRING_FIELDS) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("type", "ADD_USER_TO_PROJECT_ROLE", "projectKey", "ALPHA", "roleName", "Developers"));
        body.put(field, field.equals("userEmail") ? expression + "@example.com" : expression);
        rows.add(row(expression.substring(0, 2) + "...} in " + field, json(body), 400, field));
      }
      rows.add(row(expression.substring(0, 2) + "...} in products",
          request("CREATE_USER", "userEmail", "gina@example.com", "products", List.of(expression)), 400, "products"));
    }
    // fields that are not part of a request
    rows.add(row("requester in the body", request("CREATE_GROUP", "groupName", "g", "requester", "frank@example.com"), 400, "requester"));
    rows.add(row("unknown field", request("CREATE_GROUP", "groupName", "g", "priority", "high"), 400, "priority"));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void aBadRequestIsRefusedWithAProblemNamingTheFieldAndChangesNothing(String name, String body, int status, String field) throws Exception {
    long instances = instances();

    ResponseEntity<String> answer = post(body);

    assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(status);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = JSON.readTree(answer.getBody());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(answer.getBody()).doesNotContain("Exception").doesNotContain("at io.accessflow").doesNotContain("trace");
    if (field != null) {
      assertThat(problem.path("errors").findValuesAsText("field")).as(answer.getBody()).contains(field);
      assertThat(problem.path("errors").findValuesAsText("message")).anyMatch(m -> m.startsWith(field + " "));
    }
    assertThat(instances()).as("no process instance started").isEqualTo(instances);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(RequestVariables.PROCESS_KEY).count()).isZero();
    assertThat(calls.calls()).as("only reads in Atlassian").allMatch(c -> c.method().equals("GET"));
  }

  @Test
  void everyFormatProblemIsReportedAtOnce() throws Exception {
    ResponseEntity<String> answer = post("{\"type\": \"CREATE_USER\", \"userEmail\": \"gina\", \"products\": [\"confluence\"],"
        + " \"reason\": \"${x}\", \"groupName\": 5, \"colour\": \"blue\"}");

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode problem = JSON.readTree(answer.getBody());
    assertThat(problem.path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("groupName", "colour", "userEmail", "products", "reason");
    // (the connection check's GET /myself may run meanwhile: it is no look-up of the request)
    assertThat(calls.calls()).as("format problems are found before any look-up in Atlassian")
        .noneMatch(c -> c.path().matches("/rest/api/3/(user|group|project).*"));
  }

  /** Without Content-Length (chunked) the limit holds too: the bytes read are counted. */
  @Test
  void aChunkedBodyOver64KbIsTooLarge() throws Exception {
    long instances = instances();
    byte[] body = request("CREATE_GROUP", "groupName", "g", "reason", "x".repeat(70_000)).getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(URI.create(http.getRootUri() + API))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("carol@example.com:demo".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

    HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    assertThat(instances()).isEqualTo(instances);
  }

  @Test
  void theWrongMediaTypeIsUnsupported() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.TEXT_PLAIN);
    ResponseEntity<String> answer = http.withBasicAuth("carol@example.com", "demo")
        .postForEntity(API, new HttpEntity<>("type=CREATE_GROUP", headers), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(JSON.readTree(answer.getBody()).path("detail").asText()).contains("application/json");
  }

  @Test
  void aWrongMethodIsNotAllowed() throws Exception {
    ResponseEntity<String> answer = http.withBasicAuth("carol@example.com", "demo")
        .exchange(API, HttpMethod.PUT, new HttpEntity<>("{}", jsonHeaders()), String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(JSON.readTree(answer.getBody()).path("detail").asText()).contains("PUT").contains("POST");
  }

  @Test
  void anUnknownPathIsNotFound() throws Exception {
    ResponseEntity<String> answer = http.withBasicAuth("carol@example.com", "demo").getForEntity("/api/no-such-thing", String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(JSON.readTree(answer.getBody()).path("detail").asText()).contains("/v3/api-docs");
  }

  // --- helpers -------------------------------------------------------------------------------------

  private ResponseEntity<String> post(String body) {
    return http.withBasicAuth("carol@example.com", "demo").postForEntity(API, new HttpEntity<>(body, jsonHeaders()), String.class);
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  private long instances() {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(RequestVariables.PROCESS_KEY).count();
  }

  private static Arguments row(String name, String body, int status, String field) {
    return Arguments.of(name, body, status, field);
  }

  /** A request body with the given type and fields (and a reason, unless given). */
  private static String request(String type, Object... keyValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("reason", "Needed for the test");
    for (int i = 0; i < keyValues.length; i += 2) {
      body.put((String) keyValues[i], keyValues[i + 1]);
    }
    return json(body);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
