package io.accessflow.sandbox;

import io.accessflow.atlassian.SiteMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * In sandbox mode (no Atlassian site configured) the quick start needs no settings: the
 * connector logs in to the sandbox as its site admin and Camunda gets an {@code admin}/{@code admin}
 * administrator. Each default fills only a setting that is empty, and none applies when a real
 * site is configured.
 */
class SandboxDefaults implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!SiteMode.sandbox(environment)) {
      return;
    }
    Map<String, Object> defaults = new LinkedHashMap<>();
    String token = environment.getProperty("accessflow.sandbox.api-token", SandboxProperties.DEFAULT_API_TOKEN);
    fillIfEmpty(environment, defaults, "accessflow.atlassian.email", SandboxProperties.ADMIN_EMAIL);
    fillIfEmpty(environment, defaults, "accessflow.atlassian.api-token", token);
    fillIfEmpty(environment, defaults, "camunda.bpm.admin-user.id", "admin");
    fillIfEmpty(environment, defaults, "camunda.bpm.admin-user.password", "admin");
    if (!defaults.isEmpty()) {
      environment.getPropertySources().addFirst(new MapPropertySource("accessflowSandboxDefaults", defaults));
    }
  }

  private static void fillIfEmpty(ConfigurableEnvironment environment, Map<String, Object> defaults, String key, String value) {
    if (!StringUtils.hasText(environment.getProperty(key))) {
      defaults.put(key, value);
    }
  }
}
