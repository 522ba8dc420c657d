package io.accessflow.security;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * HTTP Basic authentication against Camunda's identity store (the Tasklist users) for the engine
 * REST API and accessflow's own API, as Camunda Run does it. The engine list at
 * {@code /engine-rest/engine} stays public by Camunda's design.
 */
@Configuration(proxyBeanMethods = false)
class RestAuthenticationConfiguration {

  /** Before anything else: the refusals of the known issues need no authentication. */
  static final int KNOWN_ISSUES_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
  static final int AUTHENTICATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;
  /** After authentication: it needs to know the caller. */
  static final int SEPARATION_OF_DUTIES_ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

  @Bean
  FilterRegistrationBean<Filter> restAuthenticationFilter() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("accessflow-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    registration.setOrder(AUTHENTICATION_ORDER);
    return registration;
  }

  @Bean
  FilterRegistrationBean<KnownIssuesFilter> knownIssuesFilter() {
    FilterRegistrationBean<KnownIssuesFilter> registration = new FilterRegistrationBean<>(new KnownIssuesFilter());
    registration.setName("accessflow-known-issues");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setOrder(KNOWN_ISSUES_ORDER);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ActuatorAdminFilter> actuatorAdminFilter(IdentityService identityService) {
    FilterRegistrationBean<ActuatorAdminFilter> registration = new FilterRegistrationBean<>(new ActuatorAdminFilter(identityService));
    registration.setName("accessflow-actuator-admin");
    registration.addUrlPatterns("/actuator/*");
    registration.setOrder(AUTHENTICATION_ORDER);
    return registration;
  }

  @Bean
  FilterRegistrationBean<SeparationOfDutiesFilter> separationOfDutiesFilter(IdentityService identityService,
      TaskService taskService, SeparationOfDuties separationOfDuties) {
    FilterRegistrationBean<SeparationOfDutiesFilter> registration =
        new FilterRegistrationBean<>(new SeparationOfDutiesFilter(identityService, taskService, separationOfDuties));
    registration.setName("accessflow-separation-of-duties");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(SEPARATION_OF_DUTIES_ORDER);
    return registration;
  }
}
