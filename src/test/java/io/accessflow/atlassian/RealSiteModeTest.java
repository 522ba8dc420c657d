package io.accessflow.atlassian;

import static org.assertj.core.api.Assertions.assertThat;

import io.accessflow.RealSiteTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * With a site configured (here one that refuses connections) the connector uses it, the health
 * component tells the operator what is wrong, and none of the sandbox's defaults apply.
 */
@RealSiteTest
class RealSiteModeTest {

  @Autowired
  AtlassianSite site;
  @Autowired
  AtlassianProperties properties;
  @Autowired
  IdentityService identityService;
  @Autowired
  TestRestTemplate http;

  @Test
  void usesTheConfiguredSite() {
    assertThat(site.sandbox()).isFalse();
    assertThat(site.baseUrl()).isEqualTo("http://127.0.0.1:9");
  }

  @Test
  void healthIsDownAndSaysWhy() {
    ResponseEntity<JsonNode> health = http.withBasicAuth("operator", "a-long-test-password")
        .getForEntity("/actuator/health/atlassian", JsonNode.class);

    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    JsonNode details = health.getBody().path("details");
    assertThat(details.path("status").asText()).isEqualTo("UNREACHABLE");
    assertThat(details.path("message").asText()).contains("http://127.0.0.1:9", "ATLASSIAN_BASE_URL");
    assertThat(details.has("sandbox")).isFalse();
  }

  @Test
  void appliesNoSandboxDefaults() {
    assertThat(properties.email()).isEqualTo("automation@example.com");
    assertThat(identityService.createUserQuery().userId("admin").count()).isZero();
    assertThat(identityService.createUserQuery().userId("carol@example.com").count()).as("no demo users").isZero();
    assertThat(identityService.checkPassword("operator", "a-long-test-password")).isTrue();
  }
}
