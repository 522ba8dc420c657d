package io.accessflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accessflow.ProcessJobs;
import io.accessflow.ProcessTest;
import io.accessflow.sandbox.SandboxFaults;
import io.accessflow.sandbox.SandboxStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * A full request, with a failure on the way, run with a recognisable API token: the token appears in
 * no log line, process variable, history entry, job failure or HTTP response.
 */
@ProcessTest
@ExtendWith(OutputCaptureExtension.class)
class RequestSecretHygieneTest {

  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  HistoryService historyService;
  @Autowired
  IdentityService identityService;
  @Autowired
  LoggingSystem logging;
  @Autowired
  SandboxFaults faults;
  @Autowired
  SandboxStore store;
  @Autowired
  TestRestTemplate http;

  @AfterEach
  void restore() {
    faults.reset();
    identityService.clearAuthentication();
    for (String logger : List.of("io.accessflow", "feign", "org.camunda.bpm.engine.jobexecutor", "org.camunda.bpm.engine.context")) {
      logging.setLogLevel(logger, null);
    }
  }

  @Test
  void theApiTokenAppearsNowhereAlongAFullRequest(CapturedOutput output) {
    for (String logger : List.of("io.accessflow", "feign", "org.camunda.bpm.engine.jobexecutor", "org.camunda.bpm.engine.context")) {
      logging.setLogLevel(logger, LogLevel.DEBUG);
    }
    store.reset();
    identityService.setAuthentication("carol@example.com", List.of());
    ProcessInstance pi = runtimeService.startProcessInstanceByKey("access-request", Map.of(
        "requestType", "CREATE_USER", "userEmail", "gina@example.com", "reason", "secret hygiene",
        "products", SpinValues.jsonValue("[\"jira-software\"]").create()));
    identityService.clearAuthentication();
    String id = pi.getId();

    executeJob(id);
    executeJob(id);
    identityService.setAuthentication("frank@example.com", List.of("access-admins"));
    taskService.complete(taskService.createTaskQuery().processInstanceId(id).singleResult().getId(), Map.of("approved", true));
    identityService.clearAuthentication();
    faults.setFailureRate(1.0);
    faults.setUnavailableShare(0);
    String provisioning = job(id);
    assertThatThrownBy(() -> managementService.executeJob(provisioning)).isInstanceOf(RuntimeException.class);
    faults.reset();
    executeJob(id);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getEndTime()).isNotNull();

    List<String> seen = new ArrayList<>();
    seen.add(output.getAll());
    historyService.createHistoricVariableInstanceQuery().processInstanceId(id).list()
        .forEach(v -> seen.add(v.getName() + "=" + v.getValue()));
    historyService.createHistoricDetailQuery().processInstanceId(id).list().forEach(d -> seen.add(d.toString()));
    for (HistoricJobLog failure : historyService.createHistoricJobLogQuery().processInstanceId(id).failureLog().list()) {
      seen.add(failure.getJobExceptionMessage());
      seen.add(historyService.getHistoricJobLogExceptionStacktrace(failure.getId()));
    }
    TestRestTemplate admin = http.withBasicAuth("admin", "admin");
    for (String path : List.of("/engine-rest/history/variable-instance?processInstanceId=" + id,
        "/engine-rest/history/detail?processInstanceId=" + id, "/engine-rest/history/job-log?processInstanceId=" + id,
        "/api/atlassian/connection", "/actuator/health", "/actuator/info", "/actuator/metrics", "/actuator/prometheus",
        "/actuator/env", "/actuator/configprops")) {
      seen.add(path + " -> " + admin.getForEntity(path, String.class).getBody());
    }

    assertThat(seen.get(0)).as("the calls were logged at DEBUG").contains("---> GET");
    assertThat(String.join("\n", seen)).as("a failure was recorded").contains("Atlassian could not answer");
    for (String secret : List.of(ProcessTest.RECOGNISABLE_TOKEN, basic("admin@example.com", ProcessTest.RECOGNISABLE_TOKEN))) {
      assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(secret));
    }
  }

  private String job(String processInstanceId) {
    return ProcessJobs.asyncJob(managementService, processInstanceId).getId();
  }

  private void executeJob(String processInstanceId) {
    managementService.executeJob(job(processInstanceId));
  }

  private static String basic(String email, String token) {
    return Base64.getEncoder().encodeToString((email + ":" + token).getBytes(StandardCharsets.UTF_8));
  }
}
