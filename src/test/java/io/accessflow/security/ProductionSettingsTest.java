package io.accessflow.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.accessflow.AccessflowApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** With a real site configured, the app refuses to start on unsafe settings, saying which and why. */
class ProductionSettingsTest {

  private static final String SITE = "--accessflow.atlassian.base-url=https://yourcompany.atlassian.net";

  @Test
  void refusesIncompleteAtlassianSettings() {
    assertThatThrownBy(() -> start(SITE, "--camunda.bpm.admin-user.id=operator", "--camunda.bpm.admin-user.password=a-long-good-password"))
        .hasMessageContaining("ATLASSIAN_EMAIL is empty").hasMessageContaining("ATLASSIAN_API_TOKEN is empty");
  }

  @Test
  void refusesAMissingOrDefaultAdministratorPassword() {
    String[] atlassian = {SITE, "--accessflow.atlassian.email=automation@example.com", "--accessflow.atlassian.api-token=token"};
    assertThatThrownBy(() -> start(with(atlassian, "--camunda.bpm.admin-user.id=admin")))
        .hasMessageContaining("CAMUNDA_BPM_ADMINUSER_PASSWORD is empty");
    for (String weak : List.of("admin", "demo", "operator", "short")) {
      assertThatThrownBy(() -> start(with(atlassian, "--camunda.bpm.admin-user.id=operator", "--camunda.bpm.admin-user.password=" + weak)))
          .as(weak).hasMessageContaining("CAMUNDA_BPM_ADMINUSER_PASSWORD is a default or too short");
    }
  }

  private static void start(String... args) {
    // the check runs before any bean: no database, engine or server is created
    new SpringApplicationBuilder(AccessflowApplication.class).web(WebApplicationType.NONE).run(args).close();
  }

  private static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
