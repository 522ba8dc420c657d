package io.accessflow.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * A real PostgreSQL for tests, from the binaries on Maven Central: one server per test JVM (it
 * takes seconds to start), a fresh database for each caller.
 */
public final class TestPostgres {

  /** The superuser; the server trusts local connections, so any password does. */
  public static final String USER = "postgres";

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** Creates an empty database and returns its JDBC URL; user and password are {@link #USER}. */
  public static String newDatabase(String hint) {
    String name = hint.toLowerCase().replaceAll("[^a-z0-9]", "_") + "_" + DATABASES.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection(); Statement sql = connection.createStatement()) {
      sql.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return server().getJdbcUrl(USER, name);
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setPgBinaryResolver(new NonRootBinaries())
            // two application contexts, each with a pool sized for production, share this server
            .setServerConfig("max_connections", "300")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /**
   * PostgreSQL refuses to run as root, and builds here may run as root. The binaries are handed to
   * zonky with initdb and pg_ctl wrapped: run as root, the wrapper gives the data directory to
   * nobody and runs the real program as nobody; run as anyone else, it runs the real program as is.
   */
  static final class NonRootBinaries implements PgBinaryResolver {

    private static final Set<String> WRAPPED = Set.of("bin/initdb", "bin/pg_ctl");

    @Override
    public InputStream getPgBinary(String system, String architecture) throws IOException {
      ByteArrayOutputStream repacked = new ByteArrayOutputStream(32 << 20);
      try (TarArchiveInputStream in = new TarArchiveInputStream(new XZCompressorInputStream(
          DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)));
          TarArchiveOutputStream out = new TarArchiveOutputStream(new XZCompressorOutputStream(repacked, 0))) {
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
          if (WRAPPED.contains(entry.getName())) {
            byte[] wrapper = wrapper(entry.getName().substring("bin/".length())).getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry script = new TarArchiveEntry(entry.getName());
            script.setMode(0755);
            script.setSize(wrapper.length);
            out.putArchiveEntry(script);
            out.write(wrapper);
            out.closeArchiveEntry();
            entry.setName(entry.getName() + ".real");
          }
          out.putArchiveEntry(entry);
          if (entry.isFile()) {
            in.transferTo(out);
          }
          out.closeArchiveEntry();
        }
      }
      return new ByteArrayInputStream(repacked.toByteArray());
    }

    private static String wrapper(String program) {
      return """
          #!/bin/sh
          real="$(dirname "$0")/%s.real"
          [ "$(id -u)" -ne 0 ] && exec "$real" "$@"
          prev=""
          for arg in "$@"; do
            [ "$prev" = "-D" ] && chown -R nobody "$arg"
            prev="$arg"
          done
          exec setpriv --reuid=nobody --regid=nogroup --clear-groups "$real" "$@"
          """.formatted(program);
    }
  }
}
