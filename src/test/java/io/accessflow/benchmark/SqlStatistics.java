package io.accessflow.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * On H2, the SQL the engine and accessflow ran over a measured stretch, from H2's own query
 * statistics: statements per request and the costliest ones. PostgreSQL's equivalent
 * (pg_stat_statements) needs a server library loaded at start, so there it reports nothing.
 */
record SqlStatistics(DataSource dataSource) {

  static SqlStatistics start(ConfigurableApplicationContext app) {
    DataSource dataSource = app.getBean(DataSource.class);
    SqlStatistics statistics = new SqlStatistics(isH2(dataSource) ? dataSource : null);
    statistics.execute("SET QUERY_STATISTICS_MAX_ENTRIES 1000", "SET QUERY_STATISTICS FALSE", "SET QUERY_STATISTICS TRUE");
    return statistics;
  }

  Optional<Map<String, Object>> stop(int requests) {
    if (dataSource == null) {
      return Optional.empty();
    }
    List<Map<String, Object>> top = new ArrayList<>();
    long statements = 0;
    double millis = 0;
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME"
            + " FROM INFORMATION_SCHEMA.QUERY_STATISTICS ORDER BY CUMULATIVE_EXECUTION_TIME DESC")) {
      while (rows.next()) {
        long count = rows.getLong(2);
        double total = rows.getDouble(3);
        statements += count;
        millis += total;
        if (top.size() < Integer.getInteger("benchmark.sql-top", 15)) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("perRequest", Benchmark.round((double) count / requests));
          row.put("totalMs", Benchmark.round(total));
          row.put("sql", rows.getString(1).replaceAll("\\s+", " "));
          top.add(row);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading H2's query statistics failed", e);
    }
    execute("SET QUERY_STATISTICS FALSE");
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("statementsPerRequest", Benchmark.round((double) statements / requests));
    result.put("statementMsPerRequest", Benchmark.round(millis / requests));
    result.put("costliest", top);
    return Optional.of(result);
  }

  private void execute(String... commands) {
    if (dataSource == null) {
      return;
    }
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (String command : commands) {
        s.execute(command);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("turning H2's query statistics on or off failed", e);
    }
  }

  private static boolean isH2(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName().equals("H2");
    } catch (SQLException e) {
      throw new IllegalStateException("the benchmark cannot reach the app's database", e);
    }
  }
}
