package io.accessflow.request;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class EngineRestStartCheckConfiguration {

  /** After the REST authentication filter (it needs the requester), before the engine. */
  static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 25;

  @Bean
  FilterRegistrationBean<EngineRestStartCheck> engineRestStartCheck(RequestValidator validator, IdentityService identityService) {
    FilterRegistrationBean<EngineRestStartCheck> registration = new FilterRegistrationBean<>(new EngineRestStartCheck(validator, identityService));
    registration.setName("accessflow-engine-rest-start-check");
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(ORDER);
    return registration;
  }
}
