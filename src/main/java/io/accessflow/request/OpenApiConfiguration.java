package io.accessflow.request;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The description springdoc generates at /v3/api-docs (and shows in the Swagger UI). */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "accessflow request API", version = "1",
    description = "Access requests for Atlassian Cloud, approved in Camunda Tasklist. Errors are RFC 7807"
        + " application/problem+json; a 400 lists each bad field in `errors`."))
@SecurityScheme(name = OpenApiConfiguration.BASIC_AUTH, type = SecuritySchemeType.HTTP, scheme = "basic",
    description = "A Camunda user (the Tasklist login), e.g. carol@example.com / demo in sandbox mode")
class OpenApiConfiguration {

  static final String BASIC_AUTH = "basicAuth";
}
