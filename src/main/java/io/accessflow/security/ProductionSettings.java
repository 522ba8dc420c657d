package io.accessflow.security;

import io.accessflow.atlassian.SiteMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * With a real Atlassian site the app refuses to start on incomplete Atlassian settings or a
 * default administrator password, before anything is created in the database. In sandbox mode
 * the demo defaults apply instead.
 */
class ProductionSettings implements EnvironmentPostProcessor {

  static final int MIN_PASSWORD_LENGTH = 12;
  private static final Set<String> DEFAULT_PASSWORDS = Set.of("admin", "demo", "password", "camunda", "changeit", "changeme");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (SiteMode.sandbox(environment)) {
      return;
    }
    List<String> problems = new ArrayList<>();
    if (!StringUtils.hasText(environment.getProperty("accessflow.atlassian.email"))) {
      problems.add("ATLASSIAN_EMAIL is empty: set the email address of the account accessflow acts as");
    }
    if (!StringUtils.hasText(environment.getProperty("accessflow.atlassian.api-token"))) {
      problems.add("ATLASSIAN_API_TOKEN is empty: set a personal API token of that account (id.atlassian.com > Security > API tokens)");
    }
    String adminId = environment.getProperty("camunda.bpm.admin-user.id");
    String password = environment.getProperty("camunda.bpm.admin-user.password");
    if (!StringUtils.hasText(adminId)) {
      problems.add("CAMUNDA_BPM_ADMINUSER_ID is empty: name the Camunda administrator");
    }
    if (!StringUtils.hasText(password)) {
      problems.add("CAMUNDA_BPM_ADMINUSER_PASSWORD is empty: set the administrator's password");
    } else if (DEFAULT_PASSWORDS.contains(password.toLowerCase(Locale.ROOT)) || password.equalsIgnoreCase(adminId)
        || password.length() < MIN_PASSWORD_LENGTH) {
      problems.add("CAMUNDA_BPM_ADMINUSER_PASSWORD is a default or too short: use at least " + MIN_PASSWORD_LENGTH
          + " characters that are not the user id or a well-known default");
    }
    if (!problems.isEmpty()) {
      throw new UnsafeSettingsException(problems);
    }
  }

  /** Why the app will not start; Spring Boot prints it as the failure's description. */
  static class UnsafeSettingsException extends IllegalStateException {
    UnsafeSettingsException(List<String> problems) {
      super("accessflow will not start with a real Atlassian site (ATLASSIAN_BASE_URL is set) until these settings are fixed:\n  - "
          + String.join("\n  - ", problems));
    }
  }
}
