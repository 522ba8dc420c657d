package io.accessflow.notification;

/**
 * A way to reach people. Every Spring bean implementing this interface gets every notification:
 * {@link EmailChannel} (when an SMTP host is set) and {@link LogChannel} (always). A chat channel
 * (Slack, Teams, ...) is one more {@code @Component} implementing {@link #send}, mapping
 * {@link Notification.Recipient#email()} or {@link Notification.Recipient#userId()} to the chat
 * user; nothing else changes.
 *
 * <p>{@link #send} runs after the engine's transaction committed, on the engine's thread: keep it
 * short (set timeouts). It may throw; the failure is logged and the other channels still send.
 */
public interface NotificationChannel {

  void send(Notification notification);
}
