package io.accessflow.atlassian.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Fails a Spring Boot test whose exchanges with the Atlassian sandbox violate Atlassian's OpenAPI
 * document. Use as {@code @ExtendWith(AtlassianContract.class)} on a {@code @SpringBootTest}
 * class that talks to the sandbox over HTTP. Without the document configured it does nothing;
 * {@code AtlassianContractValidationTest} reports that skip.
 */
public class AtlassianContract implements BeforeEachCallback, AfterEachCallback {

  /**
   * On a test class that sends invalid requests on purpose (the sandbox's own tests of its 400s):
   * those exchanges are not checked, every other one is.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @Inherited
  public @interface InvalidRequestsExpected {}

  private static final Namespace NAMESPACE = Namespace.create(AtlassianContract.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    if (AtlassianOpenApi.get().isEmpty()) {
      return;
    }
    // Looked up now, while the test's context is certainly loaded: in afterEach a context that
    // @DirtiesContext already closed would be loaded again just to find an empty recorder.
    Optional<ContractRecorder> recorder = Optional.ofNullable(SpringExtension
        .getApplicationContext(context)
        .getBeanProvider(ContractRecorder.class)
        .getIfAvailable());
    recorder.ifPresent(ContractRecorder::clear);
    recorder.ifPresent(r -> context.getStore(NAMESPACE).put(ContractRecorder.class, r));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ContractRecorder recorder =
        context.getStore(NAMESPACE).remove(ContractRecorder.class, ContractRecorder.class);
    if (recorder != null) {
      recorder.assertValid(AnnotationSupport.isAnnotated(context.getRequiredTestClass(), InvalidRequestsExpected.class));
    }
  }
}
