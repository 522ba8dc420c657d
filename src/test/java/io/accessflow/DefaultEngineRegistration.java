package io.accessflow;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Each test application context registers its engine as "default", the name /engine-rest and the
 * web apps look up. When Spring's test-context cache closes an older context, that engine's
 * shutdown removes the name, even though it now belongs to the newer context's engine. Before each
 * test the running context's engine is registered again. Listed in META-INF/spring.factories.
 */
public class DefaultEngineRegistration implements TestExecutionListener {

  @Override
  public void beforeTestMethod(TestContext testContext) {
    if (testContext.hasApplicationContext()) {
      testContext.getApplicationContext().getBeanProvider(ProcessEngine.class).ifAvailable(ProcessEngines::registerProcessEngine);
    }
  }
}
