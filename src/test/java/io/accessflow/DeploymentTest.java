package io.accessflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A process owner edits a model in processes/ and restarts: the edited model gets a new version,
 * unchanged models are not deployed again. Proven with three starts of the app on one database.
 */
class DeploymentTest {

  private static final String KEY = "deployment-probe";

  @TempDir
  Path database;
  private Path model;

  @AfterEach
  void removeModel() throws Exception {
    if (model != null) {
      Files.deleteIfExists(model);
    }
  }

  @Test
  void redeploysOnlyChangedModels() throws Exception {
    // a model in processes/ on the classpath, as pom.xml puts the top-level folder there
    Path classpathRoot = Path.of(DeploymentTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    model = classpathRoot.resolve("processes").resolve(KEY + ".bpmn");
    Files.createDirectories(model.getParent());
    Files.writeString(model, bpmn("Deployment probe"));

    assertThat(startAndListVersions()).containsExactly(1);
    assertThat(startAndListVersions()).as("unchanged model, no new version").containsExactly(1);

    Files.writeString(model, bpmn("Deployment probe, edited"));
    assertThat(startAndListVersions()).as("edited model, a new version").containsExactly(1, 2);
  }

  private List<Integer> startAndListVersions() {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(AccessflowApplication.class).run(
        "--server.port=0",
        "--spring.datasource.url=jdbc:h2:file:" + database.resolve("accessflow").toAbsolutePath(),
        // not "default", and no web apps: another test's application context holds both in this JVM
        "--camunda.bpm.process-engine-name=deployment-test",
        "--" + TestContexts.WITHOUT_WEBAPPS)) {
      return app.getBean(RepositoryService.class).createProcessDefinitionQuery().processDefinitionKey(KEY)
          .orderByProcessDefinitionVersion().asc().list().stream().map(ProcessDefinition::getVersion).toList();
    }
  }

  private static String bpmn(String name) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          targetNamespace="http://accessflow.io/test">
          <bpmn:process id="%s" name="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="start"/>
            <bpmn:sequenceFlow id="flow" sourceRef="start" targetRef="end"/>
            <bpmn:endEvent id="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(KEY, name);
  }
}
