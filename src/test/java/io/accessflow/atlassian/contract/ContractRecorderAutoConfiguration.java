package io.accessflow.atlassian.contract;

import io.accessflow.atlassian.SiteMode;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;

/**
 * Puts a {@link ContractRecorder} in front of the sandbox in every test application context.
 * An auto-configuration (listed in the test resources' AutoConfiguration.imports) rather than
 * an annotation on test classes: it does not change the test-context cache key, so contexts
 * stay shared.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Conditional(SiteMode.OnSandbox.class)
class ContractRecorderAutoConfiguration {

  @Bean
  ContractRecorder atlassianContractRecorder() {
    return new ContractRecorder();
  }

  @Bean
  FilterRegistrationBean<ContractRecorder> atlassianContractRecorderRegistration(
      ContractRecorder recorder) {
    FilterRegistrationBean<ContractRecorder> registration = new FilterRegistrationBean<>(recorder);
    registration.addUrlPatterns(ContractRecorder.PREFIX + "/*");
    // outermost: records the response as it leaves the app, after every other filter
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
