package io.accessflow.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Always on: one INFO line per notification, so an operator sees who was told what even without SMTP. */
@Component
class LogChannel implements NotificationChannel {

  private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

  @Override
  public void send(Notification notification) {
    // the subject names the change, never a secret; the body stays out of the log
    log.info("Notification {} to {} for request {}: {}", notification.kind(), notification.recipient().id(),
        notification.requestId(), notification.subject());
  }
}
