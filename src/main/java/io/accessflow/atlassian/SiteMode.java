package io.accessflow.atlassian;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether a real Atlassian site is configured. Without one the embedded sandbox serves the API;
 * with one, the sandbox is never active.
 */
public final class SiteMode {

  public static final String BASE_URL_PROPERTY = "accessflow.atlassian.base-url";

  private SiteMode() {}

  public static boolean sandbox(Environment environment) {
    String baseUrl = environment.getProperty(BASE_URL_PROPERTY);
    return baseUrl == null || baseUrl.isBlank();
  }

  /** Matches when no site is configured: the sandbox is in use. */
  public static final class OnSandbox implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return sandbox(context.getEnvironment());
    }
  }

  /** Matches when a real Atlassian site is configured. */
  public static final class OnRealSite implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !sandbox(context.getEnvironment());
    }
  }
}
