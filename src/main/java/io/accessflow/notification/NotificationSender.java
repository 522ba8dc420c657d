package io.accessflow.notification;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hands notifications to every channel once the engine's transaction has committed: work that rolls
 * back (and is retried) tells nobody, and a slow or failing SMTP server never holds or fails the
 * process. Outside a transaction (a direct call) it sends at once.
 */
@Component
class NotificationSender {

  private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

  private final List<NotificationChannel> channels;

  NotificationSender(List<NotificationChannel> channels) {
    this.channels = List.copyOf(channels);
  }

  void send(List<Notification> notifications) {
    if (notifications.isEmpty()) {
      return;
    }
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          deliver(notifications);
        }
      });
    } else {
      deliver(notifications);
    }
  }

  private void deliver(List<Notification> notifications) {
    for (Notification notification : notifications) {
      for (NotificationChannel channel : channels) {
        try {
          channel.send(notification);
        } catch (RuntimeException e) {
          // no body here: it may name people and changes beyond what an operator needs
          log.warn("{} could not send the {} notification to {} for request {}: {}", channel.getClass().getSimpleName(),
              notification.kind(), notification.recipient().id(), notification.requestId(), e.toString());
        }
      }
    }
  }
}
