package com.membercard.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.membercard.support.Fixtures;
import com.membercard.support.IntegrationTest;
import com.membercard.support.TillFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A local user, or a hijacked service, attacks the embedded PostgreSQL directly: through the
 * service's own connection pool (what an SQL injection or a compromised service would hold), without
 * a password, from another address, through the files. Each attack that succeeds against a server
 * run with {@code trust} and a superuser pool fails here. Every attack runs in a transaction that is
 * rolled back, so that even where it succeeded it would leave the shared database as it was.
 */
@IntegrationTest
class EmbeddedDatabaseAttackTest {

    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    @Autowired
    DataSource servicePool;

    @Autowired
    EmbeddedPostgres postgres;

    @Autowired
    Fixtures fixtures;

    @Value("${membercard.data-dir}")
    Path dataDir;

    @TempDir
    Path temp;

    @Test
    void theServiceWorksAsARoleThatOwnsNothingAndMayNothingButRows() {
        JdbcClient service = JdbcClient.create(servicePool);
        assertThat(service.sql("select current_user").query(String.class).single())
                .isEqualTo("membercard_app");
        assertThat(service.sql("""
                        select rolsuper or rolcreaterole or rolcreatedb or rolreplication or rolbypassrls
                        from pg_roles where rolname = current_user""").query(Boolean.class).single()).isFalse();
        assertThat(service.sql("select roleid::regrole::text from pg_auth_members where member = current_user::regrole")
                        .query(String.class)
                        .list())
                .as("no predefined role such as pg_read_server_files or pg_execute_server_program")
                .isEmpty();
        assertThat(service.sql("select count(*) from pg_class where relowner = current_user::regrole")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(service.sql("select has_schema_privilege('public', 'CREATE')")
                        .query(Boolean.class)
                        .single())
                .isFalse();
    }

    @Test
    void theServiceCannotTurnOffTheLedgersInsertOnlyTrigger() throws SQLException {
        assertRefused("alter table bill disable trigger bill_insert_only", "must be owner");
        assertRefused("alter table bill disable trigger all", "must be owner");
        assertRefused("drop trigger bill_insert_only on bill", "must be owner");
        assertRefused("drop function refuse_ledger_change() cascade", "must be owner");
        assertRefused("set local session_replication_role = replica", "permission denied");
        assertRefused("truncate bill cascade", "permission denied");
        assertRefused(
                "create trigger forget_ledger before update on bill for each statement execute function"
                        + " refuse_ledger_change()",
                "permission denied");
        assertRefused("create table public.stash (id int)", "permission denied");
    }

    @Test
    void theServiceCannotChangeALedgerRow() throws SQLException {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        till.card("50.00", "0");
        assertRefused("update bill set amount = amount + 1000 where tenant_id = " + till.tenant.id(), "is insert-only");
        assertRefused("delete from ledger_entry where tenant_id = " + till.tenant.id(), "is insert-only");
    }

    /** Bills name them without a foreign key (V27): a delete would leave bills naming nothing. */
    @Test
    void theServiceCannotDeleteATenantOperatorOrKeyThatBillsName() throws SQLException {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        till.card("50.00", "0");
        for (String table : List.of("api_key", "operator", "tenant")) {
            String column = table.equals("tenant") ? "id" : "tenant_id";
            assertRefused("delete from " + table + " where " + column + " = " + till.tenant.id(), "are never deleted");
        }
    }

    /** A shop goes only when no bill names it (V27's trigger, in place of the bill's foreign key). */
    @Test
    void aShopThatABillNamesCannotBeDeletedAndOneWithoutBillsCan() throws SQLException {
        TillFixture till = TillFixture.create(fixtures, "PROPORTIONAL", 0, 0);
        till.card("50.00", "0");
        long tenant = till.tenant.id();
        String newShop = "insert into shop (tenant_id, name) values (" + tenant + ", 'S') returning id into s;";
        assertRefused(
                "do $$ declare s bigint; begin " + newShop
                        + " insert into bill (tenant_id, bill_no, kind, card_id, shop_id, business_date, amount)"
                        + " select tenant_id, bill_no || '-S', kind, card_id, s, business_date, amount from bill"
                        + " where tenant_id = " + tenant + " limit 1;"
                        + " delete from shop where tenant_id = " + tenant + " and id = s; end $$",
                "has bills");
        try (Connection connection = servicePool.getConnection();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.execute("do $$ declare s bigint; begin " + newShop + " delete from shop where tenant_id = " + tenant
                    + " and id = s; if found then raise notice 'deleted'; else raise exception 'kept'; end if; end $$");
            connection.rollback();
        }
    }

    @Test
    void theServiceCannotRunProgramsOrReadTheServersFiles() throws SQLException {
        Path planted = temp.resolve("planted");
        assertRefused("copy (select 1) to program 'touch " + planted + "'", "permission denied");
        assertThat(planted).doesNotExist();
        assertRefused("select pg_read_file('postgresql.conf')", "permission denied");
        assertRefused("select pg_ls_dir('.')", "permission denied");
        assertRefused("copy bill from '/etc/passwd'", "permission denied");
        assertRefused("select lo_import('/etc/passwd')", "permission denied");
        assertRefused("alter system set work_mem = '1MB'", "permission denied", false);
    }

    @Test
    void aConnectionWithoutThePasswordIsRefused() {
        for (String role : List.of("postgres", "membercard_owner", "membercard_app")) {
            assertThatThrownBy(() -> connect(role, "").close())
                    .as(role + " without a password")
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(role, "not-the-password").close())
                    .as(role + " with a wrong password")
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void theServerListensOnTheLoopbackOnlyAndAsksEveryoneForAPassword() throws Exception {
        try (Connection superuser = connect("postgres", password("postgres"))) {
            JdbcClient sql = JdbcClient.create(new SingleConnectionDataSource(superuser, true));
            assertThat(sql.sql("show listen_addresses").query(String.class).single())
                    .isEqualTo("127.0.0.1");
            List<Map<String, Object>> rules = sql.sql(
                            "select type, address, auth_method, error from pg_hba_file_rules order by rule_number")
                    .query()
                    .listOfRows();
            assertThat(rules).isNotEmpty().allSatisfy(rule -> {
                assertThat(rule.get("error")).isNull();
                assertThat(rule.get("auth_method")).isEqualTo("scram-sha-256");
                assertThat(rule.get("type")).isIn("local", "host");
                if ("host".equals(rule.get("type"))) {
                    assertThat(rule.get("address")).isEqualTo("127.0.0.1");
                }
            });
        }
        for (InetAddress address : nonLoopbackAddresses()) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, postgres.getPort()), 2000))
                        .as("PostgreSQL listening on " + address)
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void thePasswordsAndTheSocketAreTheServiceUsersAlone() throws Exception {
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("postgres.pgpass")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Path socketFolder = dataDir.toAbsolutePath().resolve("postgres-socket");
        assertThat(Files.getPosixFilePermissions(socketFolder)).isEqualTo(OWNER_ONLY_FOLDER);
        assertThat(socketFolder.resolve(".s.PGSQL." + postgres.getPort())).exists();
        assertThat(Path.of("/tmp/.s.PGSQL." + postgres.getPort()))
                .as("no socket in the shared /tmp")
                .doesNotExist();
        try (Connection superuser = connect("postgres", password("postgres"))) {
            assertThat(JdbcClient.create(new SingleConnectionDataSource(superuser, true))
                            .sql("show unix_socket_directories")
                            .query(String.class)
                            .single())
                    .isEqualTo(socketFolder.toString());
        }
    }

    @Test
    void theServerRunsFromBinariesInAPrivateFolder() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .get(0)
                .strip());
        String binary = ProcessHandle.of(pid).orElseThrow().info().command().orElseThrow();
        Path binaries = dataDir.toAbsolutePath().normalize().resolve("postgres-binaries");
        assertThat(Path.of(binary)).startsWith(binaries);
        assertThat(Files.getPosixFilePermissions(binaries)).isEqualTo(OWNER_ONLY_FOLDER);
        assertThat(Files.getPosixFilePermissions(Path.of(binary).getParent()))
                .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        try (Stream<Path> files = Files.walk(binaries)) {
            assertThat(files.filter(file -> !Files.isSymbolicLink(file))
                            .filter(file -> writableByOthers(file))
                            .toList())
                    .as("files others could replace")
                    .isEmpty();
        }
    }

    private void assertRefused(String statement, String why) throws SQLException {
        assertRefused(statement, why, true);
    }

    private void assertRefused(String statement, String why, boolean inATransaction) throws SQLException {
        try (Connection connection = servicePool.getConnection()) {
            connection.setAutoCommit(!inATransaction);
            try (Statement sql = connection.createStatement()) {
                assertThatThrownBy(() -> sql.execute(statement))
                        .as(statement)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining(why);
            } finally {
                if (inATransaction) {
                    connection.rollback();
                }
            }
        }
    }

    private Connection connect(String role, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("password", password);
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/membercard", properties);
    }

    /** As an operator reads it: the pgpass line of the role. */
    private String password(String role) throws IOException {
        return Files.readAllLines(dataDir.resolve("postgres.pgpass")).stream()
                .filter(line -> line.startsWith("*:*:*:" + role + ":"))
                .map(line -> line.substring(line.lastIndexOf(':') + 1))
                .findFirst()
                .orElseThrow();
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
            network.inetAddresses()
                    .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                    .forEach(addresses::add);
        }
        return addresses;
    }

    private static boolean writableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException e) {
            return true;
        }
    }
}
