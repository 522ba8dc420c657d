package io.accessflow.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Plain-text email through Spring Boot's {@link JavaMailSender} ({@code spring.mail.*}). Off
 * without {@code spring.mail.host}, like Spring Boot's own mail sender, so a laptop start sends
 * nothing.
 */
@Component
@ConditionalOnProperty("spring.mail.host")
class EmailChannel implements NotificationChannel {

  private final JavaMailSender mailSender;
  private final NotificationProperties properties;

  EmailChannel(JavaMailSender mailSender, NotificationProperties properties) {
    this.mailSender = mailSender;
    this.properties = properties;
  }

  @Override
  public void send(Notification notification) {
    MimeMessage message = mailSender.createMimeMessage();
    try {
      // UTF-8 throughout: names and the "→" of the subject are not ASCII
      MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
      helper.setFrom(properties.from());
      var recipient = notification.recipient();
      helper.setTo(new InternetAddress(recipient.email(), recipient.displayName(), StandardCharsets.UTF_8.name()));
      helper.setSubject(notification.subject());
      helper.setText(notification.body());
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new MailPreparationException("Could not build the " + notification.kind() + " message", e);
    }
    mailSender.send(message);
  }
}
