import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Starts N embedded PostgreSQL nodes for the sharded mode on this machine, exactly as the tests do
 * ({@code com.membercard.database.EmbeddedNodes}: locked like the single-node server, files under
 * {@code DIR/node-<i>}, one password file {@code DIR/postgres.pgpass}), writes the settings the
 * service needs to start sharded over them into {@code DIR/shards.env} (0600: it holds the roles'
 * passwords) and keeps them running until it is stopped (SIGTERM or Ctrl-C stops the nodes).
 *
 * <p>EmbeddedNodes is in the service's jar, not in the JDK: {@code bench/shard-nodes.sh} runs this
 * program with the jar on the class path (Spring Boot's PropertiesLauncher), and it calls the class
 * by reflection so that it compiles with the JDK alone, like every program here.
 */
public class ShardNodes {

    public static void main(String[] args) throws Exception {
        Path[] dataDir = {null};
        int[] nodes = {2};
        // the single-node server's default (MEMBERCARD_DATABASE_SHARED_BUFFERS), so that a comparison
        // of the modes compares the same PostgreSQL
        String[] sharedBuffers = {"512MB"};
        CommandLine.parse(args, Set.of(), (name, v) -> {
            switch (name) {
                case "--data-dir" -> dataDir[0] = Path.of(v).toAbsolutePath().normalize();
                case "--nodes" -> nodes[0] = Integer.parseInt(v);
                case "--shared-buffers" -> sharedBuffers[0] = v;
                default -> usage("unknown option " + name);
            }
        }, ShardNodes::usage);
        if (dataDir[0] == null) {
            usage("--data-dir is required");
        }
        Files.createDirectories(dataDir[0]);

        Class<?> type = Class.forName("com.membercard.database.EmbeddedNodes");
        AutoCloseable started = (AutoCloseable) type.getMethod("start", Path.class, int.class, String.class)
                .invoke(null, dataDir[0], nodes[0], sharedBuffers[0]);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));

        String env = "MEMBERCARD_SHARDS=" + call(type, started, "urls") + "\n"
                + "MEMBERCARD_SHARD_USERNAME=" + call(type, started, "serviceUsername") + "\n"
                + "MEMBERCARD_SHARD_PASSWORD=" + call(type, started, "servicePassword") + "\n"
                + "MEMBERCARD_SHARD_OWNER_USERNAME=" + call(type, started, "ownerUsername") + "\n"
                + "MEMBERCARD_SHARD_OWNER_PASSWORD=" + call(type, started, "ownerPassword") + "\n";
        Path file = dataDir[0].resolve("shards.env");
        Path next = dataDir[0].resolve("shards.env.tmp");
        Files.deleteIfExists(next);
        Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(next, env, StandardCharsets.UTF_8);
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("%d nodes running: %s%nsettings in %s; stop with SIGTERM or Ctrl-C%n", nodes[0],
                call(type, started, "urls"), file);
        stopped.await();
    }

    private static String call(Class<?> type, Object nodes, String method) throws Exception {
        Method m = type.getMethod(method);
        return (String) m.invoke(nodes);
    }

    static void usage(String problem) {
        if (problem != null) {
            System.err.println("error: " + problem);
        }
        System.err.println("""
                usage: bench/shard-nodes.sh --data-dir DIR [--nodes N] [--shared-buffers SIZE]
                  --data-dir DIR   the nodes' files (DIR/node-<i>/postgres), their password file DIR/postgres.pgpass
                                   and DIR/shards.env, the MEMBERCARD_SHARD* settings for the service
                  --nodes N        how many nodes (default 2)
                  --shared-buffers SIZE
                                   each node's shared buffers (default 512MB, the single-node server's)
                """);
        System.exit(problem == null ? 0 : 2);
    }
}
