package io.accessflow.atlassian.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves that the contract check bites: each case here would pass silently if validation were a
 * no-op. Skipped, with the reason, when the document is not configured.
 */
class AtlassianContractValidationTest {

  private static final String GROUP_ID = "952d12c3-5b5b-4d04-bb32-44d383afc4b2";
  private static final String ACCOUNT_ID = "5b10ac8d82e05b22cc7d4ef5";
  private static final String JSON = "application/json";
  private static final String GROUP = """
      {"name":"jira-developers","groupId":"%s",
       "self":"https://your-domain.atlassian.net/rest/api/3/group?groupId=%s",
       "users":{"size":1,"items":[{"accountId":"%s","displayName":"Mia Krystof","active":true}],
                "max-results":50,"start-index":0,"end-index":0},
       "expand":"users"}
      """.formatted(GROUP_ID, GROUP_ID, ACCOUNT_ID);

  private AtlassianOpenApi api;

  // per test rather than @BeforeAll, so that each skipped test carries the reason in the report
  @BeforeEach
  void loadDocument() {
    api = AtlassianOpenApi.require();
  }

  @Test
  void acceptsAddUserToGroupAsDocumented() {
    assertThat(api.violations(addUserToGroup("{\"accountId\":\"" + ACCOUNT_ID + "\"}", 201, JSON, GROUP)))
        .isEmpty();
  }

  @Test
  void reportsAddUserToGroupWithoutBody() {
    assertThat(api.violations(addUserToGroup(null, 201, JSON, GROUP)))
        .singleElement().asString()
        .contains("POST /rest/api/3/group/user?groupId=" + GROUP_ID + " -> 201")
        .contains("validation.request.body.missing");
  }

  @Test
  void reportsAccountIdOfWrongType() {
    assertThat(api.violations(addUserToGroup("{\"accountId\":42}", 201, JSON, GROUP)))
        .singleElement().asString()
        .contains("validation.request.body.schema.type", "/accountId");
  }

  @Test
  void reportsGroupResponseOfWrongShape() {
    Exchange exchange = addUserToGroup("{\"accountId\":\"" + ACCOUNT_ID + "\"}", 201, JSON,
        "{\"name\":\"jira-developers\",\"groupId\":\"" + GROUP_ID + "\",\"users\":\"oops\"}");
    assertThat(api.violations(exchange)).singleElement().asString()
        .contains("validation.response.body", "/users");
  }

  @Test
  void reportsResponseFieldsTheDocumentDoesNotHave() {
    Exchange exchange = addUserToGroup("{\"accountId\":\"" + ACCOUNT_ID + "\"}", 201, JSON,
        "{\"name\":\"jira-developers\",\"groupId\":\"" + GROUP_ID + "\",\"members\":[]}");
    assertThat(api.violations(exchange)).singleElement().asString()
        .contains("validation.response.body.schema.additionalProperties", "members");
  }

  @Test
  void reportsUnknownPath() {
    Exchange exchange = new Exchange("GET", "/rest/api/3/nope", Map.of(), null, JSON, null,
        404, null, null);
    assertThat(api.violations(exchange)).singleElement().asString()
        .contains("GET /rest/api/3/nope -> 404", "validation.request.path.missing");
  }

  @Test
  void acceptsGroupLookupByName() {
    Exchange exchange = new Exchange("GET", "/rest/api/3/group/bulk", Map.of("groupName", List.of("x")),
        null, JSON, null, 200, JSON, """
        {"isLast":true,"maxResults":50,"startAt":0,"total":1,
         "values":[{"groupId":"%s","name":"x"}]}
        """.formatted(GROUP_ID));
    assertThat(api.violations(exchange)).isEmpty();
  }

  @Test
  void reportsQueryParameterTheOperationDoesNotHave() {
    // Atlassian would silently ignore the lower-case name and return all groups
    Exchange exchange = new Exchange("GET", "/rest/api/3/group/bulk", Map.of("groupname", List.of("x")),
        null, JSON, null, 200, JSON, "{\"isLast\":true,\"values\":[]}");
    assertThat(api.violations(exchange)).singleElement().asString()
        .contains("validation.request.parameter.query.unexpected", "groupname");
  }

  @Test
  void checksOnlyTheRequestOfAnInjectedRateLimit() {
    assertThat(api.violations(addUserToGroup("{\"accountId\":\"" + ACCOUNT_ID + "\"}", 429,
        "text/html", "<html>Too many requests</html>"))).isEmpty();
    assertThat(api.violations(addUserToGroup(null, 429, JSON, "{}")))
        .singleElement().asString().contains("validation.request.body.missing");
  }

  @Test
  void checksOnlyTheRequestOfAnInjectedServerError() {
    Exchange exchange = new Exchange("GET", "/rest/api/3/myself", Map.of(), null, JSON, null,
        503, "text/plain", "upstream unavailable");
    assertThat(api.violations(exchange)).isEmpty();
  }

  @Test
  void acceptsAtlassiansPlainTextAuthenticationFailure() {
    assertThat(api.violations(addUserToGroup("{\"accountId\":\"" + ACCOUNT_ID + "\"}", 401,
        "text/plain;charset=UTF-8", "Basic authentication with passwords is deprecated. For more"
            + " information, see: https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/")))
        .isEmpty();
  }

  @Test
  void reportsAuthenticationFailureOnAnOperationWithoutOne() {
    // deleteActor documents 400 and 404 only; Jira answers bad credentials there with 404
    Exchange exchange = new Exchange("DELETE", "/rest/api/3/project/DEMO/role/10002",
        Map.of("user", List.of(ACCOUNT_ID)), null, JSON, null, 401, JSON,
        "{\"message\":\"Client must be authenticated to access this resource.\",\"status-code\":401}");
    assertThat(api.violations(exchange)).singleElement().asString()
        .contains("validation.response.status.unknown");
  }

  @Test
  void acceptsErrorCollectionWhereTheDocumentNamesNoErrorBody() {
    assertThat(api.violations(addUserToGroup("{\"accountId\":\"" + ACCOUNT_ID + "\"}", 404, JSON,
        "{\"errorMessages\":[\"Specified group does not exist.\"],\"errors\":{}}"))).isEmpty();
  }

  @Test
  void reportsErrorBodyThatIsNoErrorCollection() {
    assertThat(api.violations(addUserToGroup("{\"accountId\":\"" + ACCOUNT_ID + "\"}", 400, JSON,
        "{\"error\":\"accountId missing\"}")))
        .singleElement().asString().contains("additionalProperties", "error");
    assertThat(api.violations(addUserToGroup("{\"accountId\":\"" + ACCOUNT_ID + "\"}", 404,
        "text/plain", "not found")))
        .singleElement().asString().contains("validation.response.contentType");
  }

  @Test
  void failsLoudlyWhenTheConfiguredDocumentIsMissing() {
    // needs no document, but runs only where the others do: @BeforeEach skips it otherwise
    assertThatThrownBy(() -> AtlassianOpenApi.locate("no-such-dir/jira-openapi.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no-such-dir/jira-openapi.json")
        .hasMessageContaining(AtlassianOpenApi.PROPERTY);
  }

  private static Exchange addUserToGroup(String body, int status, String responseType,
      String responseBody) {
    return new Exchange("POST", "/rest/api/3/group/user", Map.of("groupId", List.of(GROUP_ID)),
        body == null ? null : JSON, JSON, body, status, responseType, responseBody);
  }
}
