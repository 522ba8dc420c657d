package io.accessflow.atlassian;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class ConnectionCheckTest extends SandboxBackedTest {

  @Autowired
  ConnectionCheck check;
  @Autowired
  TestRestTemplate http;

  private final MovableClock clock = new MovableClock();

  @Test
  void okForAJiraAdministrator() {
    ConnectionReport report = check.check();

    assertThat(report.status()).isEqualTo(ConnectionStatus.OK);
    assertThat(report.account().displayName()).isEqualTo("Sandbox Admin");
    assertThat(report.account().accountId()).matches("[0-9a-f]{24}");
    assertThat(report.sandbox()).isTrue();
    assertThat(report.siteUrl()).isEqualTo("http://localhost:" + port + "/sandbox/atlassian");
    assertThat(report.message()).contains("sandbox");
  }

  @Test
  void invalidCredentialsExplainTheApiTokenAndRecogniseAPasswordOrOrganizationKey() {
    String secret = "ATCTT-an-organization-key-0123456789";
    ConnectionReport report = checkAs("admin@example.com", secret, site).check();

    assertThat(report.status()).isEqualTo(ConnectionStatus.INVALID_CREDENTIALS);
    assertThat(report.message())
        .contains("ATLASSIAN_EMAIL", "admin@example.com", "ATLASSIAN_API_TOKEN", "personal API token")
        .contains("Basic authentication with passwords is deprecated", "password", "organization API key")
        .doesNotContain(secret);
    assertThat(report.account()).isNull();
  }

  @Test
  void missingPermissionsNameThePermission() {
    ConnectionReport report = checkAs("carol@example.com", SANDBOX_TOKEN, site).check();

    assertThat(report.status()).isEqualTo(ConnectionStatus.MISSING_PERMISSIONS);
    assertThat(report.message()).contains("Carol Requester", "not a Jira administrator", "'Administer Jira' (ADMINISTER)")
        .doesNotContain("USER_PICKER");
    assertThat(report.account().displayName()).isEqualTo("Carol Requester");
  }

  @Test
  void aRefusedConnectionIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AtlassianSite nowhere = new AtlassianConfiguration.ConfiguredSite("http://127.0.0.1:" + closedPort);

    ConnectionReport report = checkAs("admin@example.com", SANDBOX_TOKEN, nowhere).check();

    assertThat(report.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
    assertThat(report.message()).contains("Cannot reach Jira at http://127.0.0.1:" + closedPort, "refused", "ATLASSIAN_BASE_URL");
    assertThat(report.sandbox()).isFalse();
  }

  @Test
  void aUrlThatIsNotJiraIsUnreachable() {
    AtlassianSite notJira = new AtlassianConfiguration.ConfiguredSite("http://localhost:" + port + "/camunda");

    ConnectionReport report = checkAs("admin@example.com", SANDBOX_TOKEN, notJira).check();

    assertThat(report.status()).isEqualTo(ConnectionStatus.UNREACHABLE);
    assertThat(report.message()).contains("Cannot reach Jira at");
  }

  @Test
  void cachedResultCallsAtlassianAtMostOnceAMinute() {
    ConnectionCheck cachedCheck = checkAs("admin@example.com", SANDBOX_TOKEN, site);

    cachedCheck.cached();
    clock.advance(Duration.ofSeconds(59));
    cachedCheck.cached();
    assertThat(calls.count("GET", "/rest/api/3/myself")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    ConnectionReport refreshed = cachedCheck.cached();
    assertThat(calls.count("GET", "/rest/api/3/myself")).isEqualTo(2);
    assertThat(refreshed.checkedAt()).isEqualTo(clock.instant());
  }

  @Test
  void connectionEndpointRequiresAuthentication() {
    assertThat(http.getForEntity("/api/atlassian/connection", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // an unknown user: a wrong password for a real one would lock it briefly (Camunda's login delay)
    assertThat(http.withBasicAuth("nobody", "wrong").getForEntity("/api/atlassian/connection", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(calls.calls()).isEmpty();
  }

  @Test
  void connectionEndpointReportsTheCheck() {
    ResponseEntity<JsonNode> answer = http.withBasicAuth("admin", "admin").getForEntity("/api/atlassian/connection", JsonNode.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = answer.getBody();
    assertThat(body.path("status").asText()).isEqualTo("OK");
    assertThat(body.path("siteUrl").asText()).endsWith("/sandbox/atlassian");
    assertThat(body.path("account").path("displayName").asText()).isEqualTo("Sandbox Admin");
    assertThat(body.path("message").asText()).isNotBlank();
    assertThat(calls.count("GET", "/rest/api/3/myself")).isEqualTo(1);
  }

  @Test
  void healthDetailsAreForAdministratorsOnly() {
    ResponseEntity<JsonNode> anonymous = http.getForEntity("/actuator/health", JsonNode.class);
    ResponseEntity<JsonNode> requester = http.withBasicAuth("carol@example.com", "demo").getForEntity("/actuator/health", JsonNode.class);

    assertThat(anonymous.getBody().path("status").asText()).isEqualTo("UP");
    assertThat(anonymous.getBody().has("components")).isFalse();
    assertThat(requester.getBody().has("components")).isFalse();
    assertThat(http.getForEntity("/actuator/health/atlassian", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.withBasicAuth("admin", "admin").getForEntity("/actuator/health", JsonNode.class).getBody()
        .path("components").has("atlassian")).isTrue();
  }

  @Test
  void healthComponentSaysTheSandboxIsInUse() {
    ResponseEntity<JsonNode> answer = http.withBasicAuth("admin", "admin").getForEntity("/actuator/health/atlassian", JsonNode.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(answer.getBody().path("status").asText()).isEqualTo("UP");
    assertThat(answer.getBody().path("details").path("sandbox").asText()).contains("IN USE");
  }

  private ConnectionCheck checkAs(String email, String token, AtlassianSite target) {
    AtlassianClient other = AtlassianClient.create(target::baseUrl, email, token, Duration.ofSeconds(2), Duration.ofSeconds(5));
    return new ConnectionCheck(other, target, email, clock);
  }

  static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-12-03T10:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
