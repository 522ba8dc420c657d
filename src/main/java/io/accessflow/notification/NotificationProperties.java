package io.accessflow.notification;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Notifications. SMTP itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from the sender address of emails
 * @param publicUrl where people reach this app, for the links to Tasklist (no trailing slash needed)
 */
@Validated
@ConfigurationProperties("accessflow.notifications")
public record NotificationProperties(
    @NotBlank @DefaultValue("accessflow@localhost") String from,
    @NotBlank @DefaultValue("http://localhost:8080") String publicUrl) {

  /** The task in Tasklist, ready to decide. */
  String taskLink(String taskId) {
    String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    return base + "/camunda/app/tasklist/default/#/?task=" + taskId;
  }
}
