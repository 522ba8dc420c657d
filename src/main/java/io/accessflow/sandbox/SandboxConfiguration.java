package io.accessflow.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.accessflow.atlassian.SiteMode;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@Conditional(SiteMode.OnSandbox.class)
class SandboxConfiguration {

  // Registered for the sandbox's paths only; as a plain @Component it would filter every request.
  @Bean
  FilterRegistrationBean<SandboxFilter> sandboxFilter(SandboxStore store, SandboxFaults faults,
      SandboxCallLog callLog, SandboxProperties properties, ObjectMapper json) {
    FilterRegistrationBean<SandboxFilter> registration =
        new FilterRegistrationBean<>(new SandboxFilter(store, faults, callLog, properties, json));
    registration.addUrlPatterns(SandboxSite.PATH + "/*");
    registration.setName("sandboxFilter");
    return registration;
  }
}
