package io.accessflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The whole app on a random port, as {@code ./mvnw spring-boot:run} starts it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  IdentityService identityService;

  @Test
  void servesTasklist() {
    ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/", String.class);

    assertThat(page.getStatusCode()).as(page.getBody()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).containsIgnoringCase("tasklist");
  }

  @Test
  void servesTheEngineRestApi() {
    ResponseEntity<String> engines = http.getForEntity("/engine-rest/engine", String.class);

    assertThat(engines.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(engines.getBody()).contains("\"name\":\"default\"");
  }

  @Test
  void engineRestRequiresAuthentication() {
    assertThat(http.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("admin", "admin").getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void servesTheAtlassianSandbox() {
    ResponseEntity<String> me = http.withBasicAuth("admin@example.com", "sandbox-token")
        .getForEntity("/sandbox/atlassian/rest/api/3/myself", String.class);

    assertThat(me.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(me.getBody()).contains("Sandbox Admin");
  }

  @Test
  void createsTheCamundaAdministratorInSandboxMode() {
    assertThat(identityService.checkPassword("admin", "admin")).isTrue();
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).userId("admin").count()).isEqualTo(1);
  }
}
