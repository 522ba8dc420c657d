package io.accessflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
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
  @Autowired
  FilterService filterService;
  @Autowired
  RepositoryService repositoryService;

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
  void createsCamundaUsersForTheSandboxPeopleAndTheAccessAdminsGroup() {
    for (String person : List.of("alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com",
        "erin@example.com", "frank@example.com")) {
      assertThat(identityService.checkPassword(person, "demo")).as(person).isTrue();
    }
    assertThat(identityService.createUserQuery().memberOfGroup("access-admins").list())
        .extracting(User::getId).containsExactly("frank@example.com");
  }

  @Test
  void createsTheApproversTasklistFilters() {
    assertThat(filterService.createFilterQuery().list()).extracting(Filter::getName)
        .contains("My approvals", "Access admin queue");
  }

  @Test
  void deploysTheAccessRequestProcessWithItsForms() {
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("access-request").count()).isEqualTo(1);
    String deployment = repositoryService.createProcessDefinitionQuery().processDefinitionKey("access-request")
        .singleResult().getDeploymentId();
    assertThat(repositoryService.getDeploymentResourceNames(deployment))
        .anyMatch(name -> name.endsWith("request-access.form"))
        .anyMatch(name -> name.endsWith("approve-access-request.form"));
  }

  @Test
  void createsTheCamundaAdministratorInSandboxMode() {
    assertThat(identityService.checkPassword("admin", "admin")).isTrue();
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).userId("admin").count()).isEqualTo(1);
  }
}
