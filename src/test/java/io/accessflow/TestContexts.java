package io.accessflow;

/** Settings for test application contexts that differ from the default one. */
public final class TestContexts {

  private TestContexts() {}

  /**
   * Only the default test context serves the Camunda web apps. They keep static state that the
   * closing of an older context clears after a newer one has started (Spring's test-context cache
   * closes the evicted context last); contexts without them cannot clear a newer one's.
   */
  public static final String WITHOUT_WEBAPPS =
      "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration";
}
