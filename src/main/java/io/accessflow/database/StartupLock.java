package io.accessflow.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Nodes of a cluster that start together on one PostgreSQL take turns through their start-up:
 * from the schema migration until the node is ready, one node at a time holds a PostgreSQL
 * advisory lock. Without it, nodes racing on an empty database fail: Liquibase's lock protects its
 * changesets but not the creation of its own tables, and the first-start set-up (the admin user,
 * groups, authorizations, Tasklist filters) checks and then creates, which two nodes can do at
 * once. The next node finds the work done. Active where Liquibase runs (the postgres profile).
 */
@Component
class StartupLock implements BeanPostProcessor, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
  /** Arbitrary and fixed: the same on every node. */
  private static final long LOCK_KEY = 0x616363657373L;

  private Connection held;

  @Override
  public synchronized Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof SpringLiquibase liquibase && liquibase.getDataSource() != null && held == null) {
      try {
        Connection connection = liquibase.getDataSource().getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
          connection.close();
          return bean;
        }
        log.info("Waiting for other nodes to finish starting (PostgreSQL advisory lock {})", LOCK_KEY);
        try (Statement sql = connection.createStatement()) {
          sql.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
        }
        held = connection;
      } catch (SQLException e) {
        throw new IllegalStateException("could not take the start-up lock", e);
      }
    }
    return bean;
  }

  /** Published after every ApplicationReadyEvent listener, so the set-up done there is covered too. */
  @EventListener
  void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
    if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
      release();
    }
  }

  @Override
  public void destroy() {
    release();
  }

  private synchronized void release() {
    if (held == null) {
      return;
    }
    // the connection goes back to the pool: unlock first, or the lock would stay with it
    try (Connection connection = held; Statement sql = connection.createStatement()) {
      sql.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
    } catch (SQLException e) {
      log.warn("Could not release the start-up lock; it ends with the connection", e);
    } finally {
      held = null;
    }
  }
}
